"""Where things live, relative to the repository root (this file is tools/models/modelkit/paths.py)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURE_MODELS = REPO_ROOT / "fixtures" / "models"
FIXTURE_REFERENCE = REPO_ROOT / "fixtures" / "reference"
DEMO_PACKAGE = REPO_ROOT / "packages" / "demo-model"
DEMO_MODEL = DEMO_PACKAGE / "model"
WORK_DIR = REPO_ROOT / "tools" / "models" / ".work"  # corpus, checkpoints: never committed
