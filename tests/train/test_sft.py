"""LoRA fine-tuning shared by the summarizer and the answer generator: the two-step test of
every LoRA path (trl's test_train_peft_model pattern), QLoRA selection, loss curves."""

from __future__ import annotations

import json

import pytest
import torch

from clinqa.errors import UsageError
from clinqa.train import sft
from clinqa.train.sft import LoraHyper, SFTRow, build_trainer, train_lora

HP = LoraHyper(r=4, alpha=8, dropout=0.0, max_steps=2, batch_size=4, learning_rate=3e-2, warmup_steps=0,
               logging_steps=1, save_steps=100, seed=0)
CAUSAL_ROWS = [SFTRow([{"role": "user", "content": "what medications was the patient discharged on"}],
                      "metoprolol 25 mg by mouth twice daily")] * 8
SEQ2SEQ_ROWS = [SFTRow("extract: no evidence of pneumonia on chest x-ray", "no pneumonia")] * 8
LINEAR = {"llama": {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"},
          "t5": {"q", "k", "v", "o", "wi", "wo"}}


@pytest.mark.parametrize("arch,kind,rows", [("llama", "causal", CAUSAL_ROWS), ("t5", "seq2seq", SEQ2SEQ_ROWS)])
def test_two_step_lora_trains_the_adapter_only(tiny_models, tmp_path, arch, kind, rows):
    run = build_trainer(str(tiny_models[arch]), kind, rows, [], tmp_path, HP)
    model = run.model
    before = {n: p.detach().clone() for n, p in model.named_parameters()}
    adapted = {n.split(".lora_A")[0].split(".")[-1] for n, _ in model.named_parameters() if "lora_A" in n}
    assert adapted == LINEAR[arch], "target_modules='all-linear' must reach every linear layer but the LM head"
    run.trainer.train()
    after = dict(model.named_parameters())
    losses = [h["loss"] for h in run.trainer.state.log_history if "loss" in h]
    assert len(losses) == 2 and losses[1] < losses[0]
    for n, p in after.items():
        changed = not torch.equal(before[n], p.detach())
        if "lora_" in n:
            assert p.requires_grad
        else:
            assert not p.requires_grad and not changed, f"base weight {n} changed"
    assert any(not torch.equal(before[n], p.detach()) for n, p in after.items() if "lora_B" in n)


def test_causal_loss_covers_the_completion_only(tiny_models, tmp_path):
    run = build_trainer(str(tiny_models["llama"]), "causal", CAUSAL_ROWS[:2], [], tmp_path, HP)
    batch = next(iter(run.trainer.get_train_dataloader()))
    ids, labels = batch["input_ids"][0], batch["labels"][0]
    kept = run.tokenizer.decode(ids[labels != -100])
    assert "metoprolol 25 mg" in kept and "discharged" not in kept


def test_train_lora_writes_adapter_curve_and_loads_back(tiny_models, tmp_path):
    from clinqa.models.loader import load_model

    s = train_lora(str(tiny_models["llama"]), "causal", CAUSAL_ROWS, CAUSAL_ROWS[:2], tmp_path / "run", HP,
                   save_merged=True)
    assert s["last_loss"] < s["first_loss"] and s["qlora"] is False
    lines = (tmp_path / "run" / "loss.csv").read_text().splitlines()
    assert lines[0] == "step,loss,eval_loss" and len(lines) == 3
    assert (tmp_path / "run" / "loss.png").stat().st_size > 1000
    cfg = json.loads((tmp_path / "run" / "adapter" / "adapter_config.json").read_text())
    assert cfg["base_model_name_or_path"] == str(tiny_models["llama"])
    # the adapter folder loads through clinqa's loader (base + merge) like the merged folder
    a = load_model(str(tmp_path / "run" / "adapter"), "causal").model
    m = load_model(str(tmp_path / "run" / "merged"), "causal").model
    x = torch.tensor([[1, 5, 9, 12]])
    assert torch.allclose(a(input_ids=x).logits, m(input_ids=x).logits, atol=1e-5)


def test_stage_two_continues_the_stage_one_adapter(tiny_models, tmp_path):
    s1 = train_lora(str(tiny_models["llama"]), "causal", CAUSAL_ROWS, [], tmp_path / "s1", HP)
    run = build_trainer(str(tiny_models["llama"]), "causal", CAUSAL_ROWS, [], tmp_path / "s2", HP,
                        init_adapter=s1["adapter"])
    from safetensors.torch import load_file

    saved = load_file(f"{s1['adapter']}/adapter_model.safetensors")
    name = next(k for k in saved if "lora_B" in k)
    live = dict(run.model.named_parameters())
    match = [n for n in live if n.replace(".default", "").endswith(name.split("base_model.model.", 1)[1])]
    assert match and torch.allclose(live[match[0]].detach(), saved[name])
    assert any(p.requires_grad for n, p in live.items() if "lora_" in n)


def test_resume_continues_from_the_checkpoint(tiny_models, tmp_path, monkeypatch):
    from trl import SFTTrainer

    hp = LoraHyper(**{**HP.__dict__, "max_steps": 2, "save_steps": 1})
    train_lora(str(tiny_models["llama"]), "causal", CAUSAL_ROWS, [], tmp_path, hp)
    assert (tmp_path / "checkpoints" / "checkpoint-2").is_dir()
    calls = []
    step = SFTTrainer.training_step

    def counted(self, *a, **kw):
        calls.append(1)
        return step(self, *a, **kw)

    monkeypatch.setattr(SFTTrainer, "training_step", counted)
    hp4 = LoraHyper(**{**hp.__dict__, "max_steps": 4})
    s = train_lora(str(tiny_models["llama"]), "causal", CAUSAL_ROWS, [], tmp_path, hp4, resume=True)
    assert s["steps"] == 4 and len(calls) == 2, "a resumed run must run steps 3-4 only, not restart"
    steps = [int(line.split(",")[0]) for line in (tmp_path / "loss.csv").read_text().splitlines()[1:]]
    assert steps == [1, 2, 3, 4]  # the curve keeps the history restored from the checkpoint


def test_qlora_only_with_cuda_and_bitsandbytes(monkeypatch):
    monkeypatch.setattr(sft, "cuda_and_bitsandbytes", lambda: False)
    assert sft.use_qlora("auto") is False and sft.use_qlora("none") is False
    with pytest.raises(UsageError, match="CUDA GPU and the bitsandbytes"):
        sft.use_qlora("4bit")
    monkeypatch.setattr(sft, "cuda_and_bitsandbytes", lambda: True)
    assert sft.use_qlora("auto") is True and sft.use_qlora("4bit") is True and sft.use_qlora("none") is False


def test_qlora_base_is_loaded_in_nf4_with_double_quantisation(monkeypatch):
    seen = {}

    def fake_load_model(name, kind, **kw):
        seen.update(kw)
        raise RuntimeError("stop here")

    monkeypatch.setattr("clinqa.models.loader.load_model", fake_load_model)
    with pytest.raises(RuntimeError, match="stop here"):
        sft.load_base("any", "causal", qlora=True)
    q = seen["quantization_config"]
    assert q.load_in_4bit and q.bnb_4bit_quant_type == "nf4" and q.bnb_4bit_use_double_quant
    assert q.bnb_4bit_compute_dtype == torch.bfloat16


def test_bad_settings_are_clear(tiny_models, tmp_path):
    from clinqa.errors import DataError

    with pytest.raises(DataError, match="dropout"):
        LoraHyper(dropout=1.5)
    with pytest.raises(DataError, match="quantization"):
        LoraHyper(quantization="8bit")
    with pytest.raises(DataError, match="no training rows"):
        train_lora(str(tiny_models["llama"]), "causal", [], [], tmp_path, HP)
    if not torch.cuda.is_available():
        with pytest.raises(UsageError, match="fp16"):
            sft._use_fp16("true")
        assert sft._use_fp16("auto") is False


def test_causal_model_without_chat_template_is_refused(tiny_models, tmp_path):
    import shutil

    folder = tmp_path / "plain"
    shutil.copytree(tiny_models["llama"], folder)
    cfg_file = folder / "tokenizer_config.json"
    cfg = json.loads(cfg_file.read_text())
    cfg.pop("chat_template", None)
    cfg_file.write_text(json.dumps(cfg))
    (folder / "chat_template.jinja").unlink(missing_ok=True)
    with pytest.raises(UsageError, match="no chat template"):
        sft.load_base(str(folder), "causal", qlora=False)
