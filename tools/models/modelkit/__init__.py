"""Dev-time building blocks for the project's own models: tokenizers, HF-named architectures,
ONNX export, dynamic int8 quantization and reference activations. Never needed at run time."""
