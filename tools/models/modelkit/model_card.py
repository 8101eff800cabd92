"""Writes packages/demo-model/model/README.md from the facts of a build (nothing typed by hand
except the notes file the card quotes)."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from . import demo_spec as spec
from .licence_notices import WORDNET_NOTICE

_USE = {"both": "training; every 50th document held out", "train": "training only (no text committed)",
        "held-out": "held-out text only"}


def _size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def _show(token: str) -> str:
    """A token as inline code that survives a Markdown table (newlines and pipes made visible)."""
    return "`" + token.replace("\n", "⏎").replace("|", "¦").replace("`", "ˋ") + "`"


def _factor_table(factors: list[dict], pieces: list[str]) -> str:
    rows = ["| factor | strongest tokens (position: token = value) | dominant at | commonest tokens where dominant |",
            "|---|---|---|---|"]
    for f in factors:
        top = ", ".join(f"{p}: {_show(t)} = {v:.2f}" for p, t, v in f["top"])
        where = f["dominant_positions"]
        counts = Counter(pieces[p] for p in where).most_common(6)
        common = ", ".join(f"{_show(t)} ×{c}" for t, c in counts)
        rows.append(f"| {f['factor']} | {top} | {len(where)} of {len(pieces)} positions | {common} |")
    return "\n".join(rows)


def _resumes(log: dict) -> str:
    resumed = log.get("resumed_at", [])
    if not resumed:
        return "one uninterrupted run"
    steps = ", ".join(str(step) for step in resumed)
    return f"resumed from its checkpoint at step {steps} (a resumed run continues bit for bit)"


def render(*, params: int, non_embedding: int, stats: dict, log: dict, eval_: dict, files: dict[str, int],
           nmf: dict[str, dict], notes: str) -> str:
    cfg = spec.CONFIG
    src_rows = "\n".join(
        f"| {s['name']} | {s['kind']} | {s['package']} | {s['licence']} | {_USE[s['use']]} | {s['documents']} "
        f"| {s['chars']:,} | {s['held_out_chars']:,} |"
        for s in stats["sources"]
    )
    held_sources = ", ".join(s["name"] for s in stats["sources"] if s["held_out_chars"])
    hist = "\n".join(
        f"| {h['step']} | {h['minutes']:.1f} | {h['train_loss']:.3f} | {h['held_out_ce']:.3f} | {math.exp(h['held_out_ce']):.1f} |"
        for h in log["history"]
    )
    file_rows = "\n".join(f"| `{name}` | {_size(size)} |" for name, size in sorted(files.items()))
    nmf_sections = "\n\n".join(
        f"### {entry['title']}\n\n`{entry['components']}` factors over layers {entry['layers']} "
        f"({entry['positions']} tokens).\n\n{_factor_table(entry['factors'], entry['tokens'])}"
        for entry in nmf.values()
    )
    ratio = eval_["model_ce"] / eval_["unigram_ce"]
    return f"""# demo-gpt2

A small GPT-2 trained by the explainable-ecco project on text that Debian packages install, so that
the demo, the tests and the browser app have a real language model to explain with no network.
It is a teaching and testing model: it has seen scripture, WordNet-style definitions, fortunes,
Python and number lists, knows nothing else, and its own continuations soon repeat (see the notes
below). Do not use it for anything that needs a good language model; point the tools at a Hub
model instead.

## Files

| file | size |
|---|---|
{file_rows}

`onnx/model.onnx` is fp32 (`torch.onnx.export`, TorchScript exporter, opset 14, inputs
`input_ids`/`attention_mask` with dynamic `batch_size` × `sequence_length`, output `logits`; node
names carry module scopes as in optimum/Xenova exports, e.g. `/transformer/h.0/mlp/c_proj/Gemm`,
whose input `/transformer/h.0/mlp/act/Mul_3_output_0` is the activation ecco captures).
`onnx/model_quantized.onnx` is dynamic int8 in onnxruntime's `quantize_dynamic` pattern
(MatMul → DynamicQuantizeLinear + MatMulInteger + Cast + Mul, embeddings uint8 via
DequantizeLinear). GPT-2's Conv1D layers export as `Gemm`, which that pattern leaves in float, so
only the tied embedding and the LM head shrink. There is no KV cache (`use_cache: false`, no
`past_key_values` inputs): to generate, re-run the whole sequence for each new token, which is
cheap at this size. transformers.js's `model.generate()` assumes a KV-cache export and fails on
this graph after the first token; its tokenizer and plain forward passes work.

## Architecture

GPT-2 (`GPT2LMHeadModel`, Hugging Face module names: `transformer.wte`, `transformer.wpe`,
`transformer.h.N.{{ln_1,attn.c_attn,attn.c_proj,ln_2,mlp.c_fc,mlp.act,mlp.c_proj}}`,
`transformer.ln_f`, `lm_head` tied to `wte`; Conv1D weights stored `[in, out]`; `gelu_new`).

| | |
|---|---|
| layers × heads | {cfg.n_layer} × {cfg.n_head} |
| hidden size / FFN size | {cfg.n_embd} / {cfg.n_inner} |
| context | {cfg.n_positions} tokens |
| vocabulary | {cfg.vocab_size} (byte-level BPE) |
| parameters | {params:,}, tied embedding counted once ({non_embedding:,} outside the token and position embeddings) |

## Tokenizer

Byte-level BPE (GPT-2's byte alphabet and pre-tokenization pattern), {cfg.vocab_size} entries:
256 bytes, {cfg.vocab_size - 257} merges learned from the training documents below, and
`{spec.END_OF_TEXT}` (id {cfg.vocab_size - 1}), which separates documents in training and is
bos/eos/unk. Encoding adds no special tokens, like GPT-2. `clean_up_tokenization_spaces` is off
so that decode(encode(text)) returns the text exactly.

## Corpus

{stats['train_chars']:,} characters of training text ({stats['train_tokens']:,} tokens including one
`{spec.END_OF_TEXT}` per document). Each source is thinned to its character budget with an even
stride. Held-out text comes only from text that may be committed to this MIT repository (public
domain, WordNet's permissive licence whose notice is below, and the project's own text): every 50th
document of KJV, WordNet and the generated sequences is held out and never trained on, and Python
written for this project (`tools/models/heldout-code`, never trained on) stands in for code. Of
those only paragraphs that occur nowhere in the training text (whole or by any line of 40+
characters: verses recur across books, generated sequences by chance) are used. The held-out text
the card and the tests use ({stats['held_out_chars']:,} characters, {stats['held_out_tokens']:,}
tokens) is `fixtures/reference/demo-gpt2/heldout.txt`: up to 7,500 characters from each of
{held_sources}.

The fortunes and the Python standard library are permissively licensed (the fortune files
BSD-style, Python PSF) and are trained on whole; no passage of theirs is held out or committed
anywhere in this repository. None of the training text is under a copyleft licence: GCIDE
(GPL-2+), which earlier versions of this model were trained on, is no longer used, and its share
of the budget went to WordNet. The fortunes are quotations whose wording belongs to their
authors; the weights are trained on them, so check whether that matters for how you
redistribute the model.

| source | kind | Debian package | licence | used for | training documents | training characters | held-out characters |
|---|---|---|---|---|---|---|---|
{src_rows}

### WordNet 3.0 licence

The weights are trained on WordNet glosses and the held-out text quotes some, so WordNet's notice
goes with them (from Debian's `wordnet-base` copyright file):

```text
{WORDNET_NOTICE.rstrip()}
```

## Training

{log['steps_done']} steps of {spec.BATCH} × {spec.BLOCK} tokens ({log['tokens_seen']:,} tokens seen,
{log['tokens_seen'] / stats['train_tokens']:.2f} passes over the training tokens), AdamW (β 0.9/0.95,
weight decay {spec.WEIGHT_DECAY} on matrices), learning rate {spec.LR} after {spec.WARMUP} warm-up steps,
held until step {spec.DECAY_START} and then decayed linearly to {spec.MIN_LR} at step {spec.TOTAL_STEPS},
gradient clipping {spec.GRAD_CLIP}, no dropout, seed {spec.SEED},
`torch.set_num_threads({spec.THREADS})`, Debian's PyTorch 1.13 on a 2-core CPU shared with other
work: **{log['train_seconds'] / 60:.1f} minutes** of wall-clock training
({log['tokens_seen'] / log['train_seconds']:.0f} tokens/s on average), of which the process got
{log['cpu_seconds'] / 60:.1f} CPU-minutes; {_resumes(log)}.

| step | wall-clock minutes | training loss (one batch) | held-out CE (nats) | held-out perplexity |
|---|---|---|---|---|
{hist}

## Evaluation on held-out text

Mean next-token cross-entropy over consecutive {spec.BLOCK}-token windows of the held-out text
(every token but the first of each window is predicted):

| | cross-entropy (nats/token) | perplexity |
|---|---|---|
| demo-gpt2 | {eval_['model_ce']:.3f} | {math.exp(eval_['model_ce']):.1f} |
| unigram baseline (training-token frequencies, add-one smoothing) | {eval_['unigram_ce']:.3f} | {math.exp(eval_['unigram_ce']):.1f} |

Ratio model / unigram: **{ratio:.3f}** (the package test recomputes both with onnxruntime and
requires ≤ 0.7).

## NMF factors on the demo texts

ecco's settings: activations captured at the input of `mlp.c_proj` (the FFN down-projection),
neurons of the chosen layers stacked, negatives clipped to zero, scikit-learn
`NMF(init='random', random_state=0, max_iter=500)` on positions × neurons. Texts and settings
from `packages/demo-model/demo-texts.json`.

{nmf_sections}

{notes.strip()}

## Rebuilding

`/usr/bin/python3 tools/models/build_all.py` rebuilds the corpus, tokenizer, training run, exports,
reference activations and this card (the published run trained for {log['train_seconds'] / 60:.0f} wall-clock
minutes); the model files, reference activations and held-out text come out byte for byte the
same, and only the timings in this card and in the training record differ. `--skip-training`
reuses the weights in the committed `onnx/model.onnx` and reproduces every file, this card
included. See `tools/models/README.md`.
"""


def write_card(path: Path, **kwargs) -> None:
    path.write_text(render(**kwargs), encoding="utf-8")
