"""`clinqa report --notes` checks every answer's offsets against the corpus with export's own
check (extract.offsets.check_offsets, which export.rows calls) before highlighting anything."""

from __future__ import annotations

from pathlib import Path

from clinqa.cli.main import main
from clinqa.data import write_notes
from clinqa.types import Note
from tests.export.test_fhir import NOTE, example_rows, span, write_table


def test_report_on_an_edited_corpus_is_exit_2_naming_the_note_and_offsets(tmp_path, capsys):
    table = write_table(tmp_path / "facts.parquet", example_rows())
    corpus = tmp_path / "notes.jsonl"
    write_notes([Note(NOTE.id, NOTE.text)], corpus)
    html = tmp_path / "r.html"
    assert main(["report", str(table), "--html", str(html), "--notes", str(corpus)]) == 0
    page = html.read_text()
    assert "<mark" in page and "3.2 mmol/L</mark>" in page
    capsys.readouterr()

    edited = tmp_path / "edited.jsonl"
    write_notes([Note(NOTE.id, NOTE.text.replace("Potassium 3.2", "K+ was 3.2"))], edited)
    html.unlink()
    assert main(["report", str(table), "--html", str(html), "--notes", str(edited)]) == 2
    err = capsys.readouterr().err
    start, end = span("3.2 mmol/L")
    assert len(err.strip().splitlines()) == 1
    assert str(edited) in err and repr(NOTE.id) in err and f"{start}-{end}" in err and "3.2 mmol/L" in err
    assert not html.exists()  # no report with the wrong words marked


def test_report_and_export_share_one_offset_check():
    from clinqa.export import rows
    from clinqa.extract import offsets, report

    assert rows.check_offsets is offsets.check_offsets
    assert "offsets import check_offsets" in Path(report.__file__).read_text()
