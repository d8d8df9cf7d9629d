"""The fine-tuned reader: MiniLM over the (client line, coach turn) pair, mean-pooled, one logit per codebook move."""

import torch
from common import MODEL_DIR, MOVES
from torch import nn
from transformers import AutoModel

HIDDEN = 384  # all-MiniLM-L6-v2's width


class Reader(nn.Module):
    def __init__(self, probabilities: bool = False) -> None:
        super().__init__()
        self.enc = AutoModel.from_pretrained(MODEL_DIR)
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(HIDDEN, len(MOVES))
        self.probabilities = probabilities  # the exported model gives probabilities, training uses logits

    def forward(self, input_ids, attention_mask, token_type_ids):
        h = self.enc(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(h.dtype)
        logits = self.head(self.drop((h * m).sum(1) / m.sum(1).clamp(min=1.0)))
        return torch.sigmoid(logits) if self.probabilities else logits
