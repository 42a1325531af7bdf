"""Tiny randomly initialised models (hidden <= 32, 2 layers) with tokenizers built offline,
in the spirit of transformers' model testers. Nothing here touches the network."""

from __future__ import annotations

from pathlib import Path

CORPUS = [
    "the patient was admitted with chest pain and shortness of breath",
    "metoprolol 25 mg by mouth twice daily for hypertension",
    "no evidence of pneumonia on chest x-ray",
    "el paciente ingresó con dolor torácico",
    "der Patient hat Fieber und Husten",
    "potassium 3.2 low magnesium 1.9 creatinine 0.9",
    "what medications was the patient discharged on",
]


def _unigram(vocab_size: int = 200):
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.UnigramTrainer(vocab_size=vocab_size, special_tokens=["<pad>", "</s>", "<unk>", "<s>", "<mask>"],
                                      unk_token="<unk>")
    tok.train_from_iterator(CORPUS * 3, trainer)
    return tok


def build_bert(path: Path) -> Path:
    from transformers import BertConfig, BertForMaskedLM, BertTokenizerFast

    words = sorted({w for line in CORPUS for w in line.lower().split()})
    chars = sorted({c for line in CORPUS for c in line.lower() if not c.isspace()})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars, *(f"##{c}" for c in chars), *words]
    vocab = list(dict.fromkeys(vocab))
    path.mkdir(parents=True, exist_ok=True)
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    # transformers 5 takes the vocabulary as `vocab=` (a path or a dict); `vocab_file=` is ignored
    tok = BertTokenizerFast(vocab=str(path / "vocab.txt"), do_lower_case=True)
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=37, max_position_embeddings=128)
    BertForMaskedLM(cfg).save_pretrained(path)
    tok.save_pretrained(path)
    return path


def build_xlmr(path: Path) -> Path:
    from transformers import PreTrainedTokenizerFast, XLMRobertaConfig, XLMRobertaForMaskedLM
    from tokenizers.processors import TemplateProcessing

    raw = _unigram()
    raw.post_processor = TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", raw.token_to_id("<s>")), ("</s>", raw.token_to_id("</s>"))],
    )
    tok = PreTrainedTokenizerFast(tokenizer_object=raw, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                                  pad_token="<pad>", mask_token="<mask>", cls_token="<s>", sep_token="</s>")
    cfg = XLMRobertaConfig(vocab_size=raw.get_vocab_size(), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                           intermediate_size=37, max_position_embeddings=130, pad_token_id=raw.token_to_id("<pad>"),
                           bos_token_id=raw.token_to_id("<s>"), eos_token_id=raw.token_to_id("</s>"))
    XLMRobertaForMaskedLM(cfg).save_pretrained(path)
    tok.save_pretrained(path)
    return path


def build_t5(path: Path) -> Path:
    from transformers import PreTrainedTokenizerFast, T5Config, T5ForConditionalGeneration
    from tokenizers.processors import TemplateProcessing

    raw = _unigram()
    raw.post_processor = TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                            special_tokens=[("</s>", raw.token_to_id("</s>"))])
    tok = PreTrainedTokenizerFast(tokenizer_object=raw, eos_token="</s>", unk_token="<unk>", pad_token="<pad>")
    cfg = T5Config(vocab_size=raw.get_vocab_size(), d_model=32, d_kv=8, d_ff=37, num_layers=2, num_decoder_layers=2,
                   num_heads=2, pad_token_id=raw.token_to_id("<pad>"), eos_token_id=raw.token_to_id("</s>"),
                   decoder_start_token_id=raw.token_to_id("<pad>"))
    T5ForConditionalGeneration(cfg).save_pretrained(path)
    tok.save_pretrained(path)
    return path


CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def build_llama(path: Path) -> Path:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    raw = Tokenizer(models.BPE())
    raw.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    raw.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=300, special_tokens=["<|endoftext|>", "<|im_start|>", "<|im_end|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    raw.train_from_iterator(CORPUS * 3, trainer)
    tok = PreTrainedTokenizerFast(tokenizer_object=raw, eos_token="<|im_end|>", bos_token="<|im_start|>",
                                  pad_token="<|endoftext|>", unk_token="<|endoftext|>")
    tok.chat_template = CHAT_TEMPLATE
    cfg = LlamaConfig(vocab_size=raw.get_vocab_size(), hidden_size=32, intermediate_size=37, num_hidden_layers=2,
                      num_attention_heads=2, num_key_value_heads=1, max_position_embeddings=256,
                      pad_token_id=raw.token_to_id("<|endoftext|>"), eos_token_id=raw.token_to_id("<|im_end|>"),
                      bos_token_id=raw.token_to_id("<|im_start|>"), tie_word_embeddings=True)
    LlamaForCausalLM(cfg).save_pretrained(path)
    tok.save_pretrained(path)
    return path


def build_qa(encoder: Path, path: Path, seed: int) -> Path:
    """A clinqa QA folder (span + category heads, random) over a tiny encoder, windows of 64."""
    import torch

    from clinqa.qa.model import QAModelConfig, new_model

    torch.manual_seed(seed)
    model, tok = new_model(str(encoder), QAModelConfig(max_length=64, stride=16))
    model.save_pretrained(path, tok)
    return path
