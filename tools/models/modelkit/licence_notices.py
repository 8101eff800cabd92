"""Licence notices that must travel with text the project commits or trains on.

WordNet 3.0's licence allows use and redistribution provided its notice appears on all copies:
the model card (the weights are trained on WordNet glosses) and fixtures/README.md (the committed
held-out text quotes some) reproduce it. The build checks the copy below against the notice
Debian installs, so a typo cannot slip into the card."""

from __future__ import annotations

import re
from pathlib import Path

WORDNET_COPYRIGHT_FILE = Path("/usr/share/doc/wordnet-base/copyright")

WORDNET_NOTICE = """\
This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license.  By obtaining, using
and/or copying this software and database, you agree that you have
read, understood, and will comply with these terms and conditions.:

Permission to use, copy, modify and distribute this software and
database and its documentation for any purpose and without fee or
royalty is hereby granted, provided that you agree to comply with
the following copyright notice and statements, including the disclaimer,
and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal
use or for distribution.

WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR
OTHER RIGHTS.

The name of Princeton University or Princeton may not be used in
advertising or publicity pertaining to distribution of the software
and/or database.  Title to copyright in this software, database and
any associated documentation shall at all times remain with
Princeton University and LICENSEE agrees to preserve same.
"""


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_wordnet_notice() -> None:
    """Fails the build if WORDNET_NOTICE is not, word for word, the notice Debian ships."""
    if not WORDNET_COPYRIGHT_FILE.exists():
        raise SystemExit(f"{WORDNET_COPYRIGHT_FILE} missing: apt-get install wordnet-base")
    # Debian's copyright format indents the licence by one space and writes blank lines as " .".
    shipped = "\n".join(line[1:] if line.startswith(" ") else line
                        for line in WORDNET_COPYRIGHT_FILE.read_text(encoding="utf-8").splitlines())
    shipped = shipped.replace("\n.\n", "\n\n")
    if _words(WORDNET_NOTICE) not in _words(shipped):
        raise SystemExit(f"licence_notices.WORDNET_NOTICE differs from the notice in {WORDNET_COPYRIGHT_FILE}")
