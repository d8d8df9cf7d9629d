"""Step 2: fine-tune MiniLM end to end (sentence pair context/text, mean pool, linear multi-label head, BCE).
CV:    python finetune.py --held author-a,author-b,...  (each held author: train on the other train authors,
       save held-out probs after every epoch to out/ft_<tag>_<author>_ep<k>.npy)
final: python finetune.py --held none --epochs K   (train on all train authors, save out/ft_<tag>_final.pt)"""

import argparse
import math
import random
import sys
import time

import numpy as np
import torch
from common import MODEL_DIR, OUT, labels, pair, train_authors
from reader import Reader
from torch import nn
from transformers import AutoTokenizer

ap = argparse.ArgumentParser()
ap.add_argument("--held", default="all")
ap.add_argument("--epochs", type=int, default=4)
ap.add_argument("--lr", type=float, default=5e-5)
ap.add_argument("--head_lr", type=float, default=1e-3)
ap.add_argument("--bs", type=int, default=16)
ap.add_argument("--maxlen", type=int, default=96)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--tag", default="base")
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--limit_steps", type=int, default=0)
ap.add_argument("--save_models", action="store_true")
args = ap.parse_args()
torch.set_num_threads(args.threads)
tok = AutoTokenizer.from_pretrained(MODEL_DIR)


def encode(turns):
    ctx, txt = zip(*[pair(t) for t in turns], strict=False)
    return tok(
        list(ctx),
        list(txt),
        padding=True,
        truncation="only_first",
        max_length=args.maxlen,
        return_tensors="pt",
    )


@torch.no_grad()
def predict(model, turns, bs=64):
    model.eval()
    out = []
    for i in range(0, len(turns), bs):
        b = encode(turns[i : i + bs])
        out.append(torch.sigmoid(model(**b)).numpy())
    model.train()
    return np.vstack(out)


def fit(train_turns, eval_turns=None, eval_cb=None):
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    model = Reader()
    model.train()
    Y = torch.tensor(labels(train_turns), dtype=torch.float32)
    model.enc.embeddings.word_embeddings.weight.requires_grad_(False)  # word table frozen (small data, speed)
    enc_params = [p for n, p in model.named_parameters() if n.startswith("enc.") and p.requires_grad]
    opt = torch.optim.AdamW(
        [{"params": enc_params, "lr": args.lr}, {"params": model.head.parameters(), "lr": args.head_lr}],
        weight_decay=0.01,
    )
    steps_per_epoch = math.ceil(len(train_turns) / args.bs)
    total = steps_per_epoch * args.epochs
    warm = int(0.06 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt,
        lambda s: (
            min(1.0, (s + 1) / max(1, warm)) if s < warm else max(0.0, (total - s) / max(1, total - warm))
        ),
    )
    lossf = nn.BCEWithLogitsLoss()
    lens = [len(t.text) + len(t.context or "") for t in train_turns]
    step, t0 = 0, time.time()
    for ep in range(1, args.epochs + 1):
        order = list(range(len(train_turns)))
        random.shuffle(order)
        # length bucketing: sort within chunks of 20 batches, then shuffle the batches
        batches = []
        for k in range(0, len(order), args.bs * 20):
            chunk = sorted(order[k : k + args.bs * 20], key=lambda j: lens[j])
            batches += [chunk[i : i + args.bs] for i in range(0, len(chunk), args.bs)]
        random.shuffle(batches)
        run = 0.0
        for idx in batches:
            b = encode([train_turns[j] for j in idx])
            loss = lossf(model(**b), Y[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            run += loss.item()
            if step % 50 == 0:
                print(f"  ep{ep} step {step}/{total} loss {run / 50:.4f} {time.time() - t0:.0f}s", flush=True)
                run = 0.0
            if args.limit_steps and step >= args.limit_steps:
                print(f"{step} steps in {time.time() - t0:.1f}s")
                sys.exit()
        if eval_cb:
            eval_cb(model, ep)
    return model


authors = train_authors()
T0 = time.time()
if args.held == "none":

    def save(model, ep):
        torch.save(model.state_dict(), f"{OUT}/ft_{args.tag}_final_ep{ep}.pt")
        print(f"final ep{ep} saved {time.time() - T0:.0f}s", flush=True)

    model = fit([t for a in authors for t in a.turns], eval_cb=save)
    print(f"final trained in {time.time() - T0:.0f}s")
else:
    # folds: ';'-separated groups of '+'-joined held authors (default: leave one author out)
    folds = (
        [[a.author] for a in authors] if args.held == "all" else [g.split("+") for g in args.held.split(";")]
    )
    for group in folds:
        tr = [t for a in authors if a.author not in group for t in a.turns]
        print(f"fold {group}: train {len(tr)} turns", flush=True)

        def cb(model, ep, group=group):
            for h in group:
                ha = next(a for a in authors if a.author == h)
                np.save(f"{OUT}/ft_{args.tag}_{h}_ep{ep}.npy", predict(model, ha.turns))
            if args.save_models:
                torch.save(model.state_dict(), f"{OUT}/ft_{args.tag}_fold{'+'.join(group)}_ep{ep}.pt")
            print(f"{group} ep{ep} saved {time.time() - T0:.0f}s", flush=True)

        fit(tr, eval_cb=cb)
print(f"total {time.time() - T0:.0f}s")
