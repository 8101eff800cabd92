"""Writes the JSON files of a Hugging Face Hub model directory."""

from __future__ import annotations

from pathlib import Path

from .jsonio import write_json


def write_model_dir_json(model_dir: Path, *, config: dict, tokenizer_json: dict, tokenizer_config: dict,
                         generation_config: dict | None = None) -> None:
    model_dir.mkdir(parents=True, exist_ok=True)
    write_json(model_dir / "config.json", config)
    # tokenizer.json is the largest JSON; keep it compact like the Hub's (one line per nothing).
    write_json(model_dir / "tokenizer.json", tokenizer_json, indent=None)
    write_json(model_dir / "tokenizer_config.json", tokenizer_config)
    if generation_config is not None:
        write_json(model_dir / "generation_config.json", generation_config)


def bert_tokenizer_config(tokenizer_class: str, max_length: int) -> dict:
    return {
        "tokenizer_class": tokenizer_class,
        "do_lower_case": True,
        "tokenize_chinese_chars": True,
        "strip_accents": None,
        "model_max_length": max_length,
        "unk_token": "[UNK]",
        "sep_token": "[SEP]",
        "pad_token": "[PAD]",
        "cls_token": "[CLS]",
        "mask_token": "[MASK]",
        "clean_up_tokenization_spaces": True,
    }


def llama_tokenizer_config(max_length: int) -> dict:
    return {
        "tokenizer_class": "LlamaTokenizer",
        "add_bos_token": True,
        "add_eos_token": False,
        "bos_token": "<s>",
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "pad_token": None,
        "legacy": False,
        "model_max_length": max_length,
        "padding_side": "left",
        "clean_up_tokenization_spaces": False,
    }


def gpt2_tokenizer_config(max_length: int) -> dict:
    # clean_up_tokenization_spaces is off (GPT-2's own config has it on): with it, decode() turns
    # "a ," into "a," and text would not round-trip.
    return {
        "tokenizer_class": "GPT2Tokenizer",
        "add_prefix_space": False,
        "bos_token": "<|endoftext|>",
        "eos_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>",
        "model_max_length": max_length,
        "clean_up_tokenization_spaces": False,
    }
