"""Category metrics with scikit-learn: accuracy, macro-F1, per-class P/R/F1, confusion matrix
(optionally drawn to PNG with matplotlib)."""

from __future__ import annotations

from pathlib import Path


def category_report(gold: list[str], pred: list[str], labels: list[str]) -> dict:
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    if len(gold) != len(pred):
        raise ValueError("gold and predicted categories differ in length")
    if not gold:
        raise ValueError("no categories to score")
    present = [c for c in labels if c in set(gold) | set(pred)]
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=present, zero_division=0)
    return {
        "accuracy": 100.0 * accuracy_score(gold, pred),
        "macro_f1": 100.0 * f1_score(gold, pred, labels=present, average="macro", zero_division=0),
        "per_class": {c: {"precision": 100.0 * p[i], "recall": 100.0 * r[i], "f1": 100.0 * f[i], "support": int(s[i])}
                      for i, c in enumerate(present)},
        "labels": present,
        "confusion_matrix": confusion_matrix(gold, pred, labels=present).tolist(),
        "total": len(gold),
    }


def save_confusion_png(report: dict, path: str | Path, title: str = "answer categories") -> Path:
    import matplotlib

    matplotlib.use("Agg")  # no display on servers
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay
    import numpy as np

    fig, ax = plt.subplots(figsize=(6, 5))
    ConfusionMatrixDisplay(np.array(report["confusion_matrix"]), display_labels=report["labels"]).plot(
        ax=ax, colorbar=False, xticks_rotation=45)
    ax.set_title(title)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
