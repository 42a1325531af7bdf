"""An HTML report of an extraction table: per-concept coverage and scores (with a score
distribution plot), and per-note views with every answer highlighted in the note's text.
One self-contained file: styles inline, the plot embedded as a PNG data URI, no scripts."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from clinqa.errors import DataError


def _plot(df) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    answered = df[df["answer"].notna()]
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.hist(answered["score"], bins=20, range=(0, 1), color="#457b9d")
    ax.set_xlabel("answer score")
    ax.set_ylabel("answers")
    ax.set_title("score distribution, all concepts")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def _highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, label in sorted(s for s in spans if 0 <= s[0] < s[1] <= len(text)):
        if start < pos:
            continue  # overlapping answers: the first one wins the mark
        out.append(html.escape(text[pos:start]))
        out.append(f'<mark title="{html.escape(label)}">{html.escape(text[start:end])}</mark>'
                   f'<sup>{html.escape(label)}</sup>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _int(v) -> int | None:
    return None if v is None or v != v else int(v)  # NaN: a row written without offsets


def write_report(table: str | Path, out: str | Path, notes: dict[str, str] | None = None, max_notes: int = 50,
                 corpus: str | None = None) -> dict:
    """`notes`: note id -> text of the corpus (`corpus` names it in errors); every answer's
    offsets are checked against it before anything is highlighted."""
    import pandas as pd

    try:
        df = pd.read_parquet(table)
    except (OSError, ValueError) as exc:
        from clinqa.data._io import reason

        raise DataError(f"cannot read the extraction table: {reason(exc)}", source=str(table)) from None
    needed = {"note_id", "concept_id", "answer", "start", "end", "score"}
    if not needed <= set(df.columns):
        raise DataError(f"not a clinqa extraction table (missing {', '.join(sorted(needed - set(df.columns)))})",
                        source=str(table))
    n_notes = df["note_id"].nunique()
    # coverage counts distinct notes with an answer: a table holding two rows of one
    # (note, concept), e.g. from a corpus with repeated ids, can never pass 100%
    answered = df[df["answer"].notna()].drop_duplicates(["note_id", "concept_id"])
    summary = df.groupby("concept_id", sort=False).agg(mean_score=("score", "mean"), median_score=("score", "median"))
    summary["answered"] = answered.groupby("concept_id").size().reindex(summary.index, fill_value=0).astype(int)
    summary["coverage"] = (summary["answered"] / max(n_notes, 1)).clip(upper=1.0)
    rows = "".join(
        f"<tr><td>{html.escape(str(cid))}</td><td>{r.answered}</td><td>{100 * r.coverage:.1f}%</td>"
        f"<td>{r.mean_score:.3f}</td><td>{r.median_score:.3f}</td></tr>" for cid, r in summary.iterrows())
    parts = [f"""<!doctype html><html><head><meta charset="utf-8"><title>clinqa extraction report</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330}} table{{border-collapse:collapse}}
td,th{{border:1px solid #ccd;padding:.2rem .6rem;text-align:left}} .note{{white-space:pre-wrap;font-family:monospace;
background:#fafbfc;border:1px solid #dde;padding:.8rem;margin-bottom:1.5rem}} mark{{background:#ffe08a}}
sup{{color:#1d4fbf;font-size:.7rem}}</style></head><body>
<h1>Extraction report</h1><p>{len(df)} rows · {n_notes} notes · {df['concept_id'].nunique()} concepts ·
source <code>{html.escape(str(table))}</code></p>
<h2>Concepts</h2><table><tr><th>concept</th><th>answered</th><th>coverage</th><th>mean score</th>
<th>median score</th></tr>{rows}</table>
<h2>Scores</h2><img alt="score distribution" src="data:image/png;base64,{_plot(df)}">"""]
    shown = 0
    if notes:
        from clinqa.extract.offsets import check_offsets

        parts.append("<h2>Notes</h2>")
        for note_id, group in df.groupby("note_id", sort=False):
            if str(note_id) in notes:
                # export's check: an edited corpus would have the wrong characters highlighted
                check_offsets(str(note_id), notes[str(note_id)],
                              ((r.concept_id, r.answer if r.answer == r.answer else None, _int(r.start), _int(r.end))
                               for r in group.itertuples()),
                              corpus or str(table))
            if shown >= max_notes or str(note_id) not in notes:
                continue
            spans = [(int(r.start), int(r.end), str(r.concept_id)) for r in group.itertuples()
                     if r.answer is not None and r.answer == r.answer]
            parts.append(f"<h3>{html.escape(str(note_id))}</h3><div class='note'>"
                         f"{_highlight(notes[str(note_id)], spans)}</div>")
            shown += 1
    parts.append("</body></html>")
    from clinqa.data.atomic import atomic_text

    with atomic_text(out) as f:
        f.write("".join(parts))
    return {"out": str(out), "rows": len(df), "notes": n_notes, "concepts": int(df["concept_id"].nunique()),
            "notes_shown": shown}
