"""The language-model layer: one narrow backend protocol and its implementations.

- ``base``: ``LlmBackend`` (the interface and the shared JSON re-ask), ``LlmInfo``, ``LlmStats``, the errors.
- ``llama_backend``: in-process llama.cpp (the only module importing ``llama_cpp``).
- ``http_backend``: an OpenAI-compatible server. ``fake``: scripted replies for tests.
- ``default_model``, ``gguf_info``, ``discovery``: finding and inspecting GGUF files.
- ``probe``: the capability probe that tells whether a model is good enough for extraction.
"""
