"""Training the learned attribution model (``reportedly train polnear``)."""

from __future__ import annotations

from .trainer import TrainingConfig, TrainingResult, train_model

__all__ = ["TrainingConfig", "TrainingResult", "train_model"]
