#!/usr/bin/python3
# bench/reference.py — a PyTorch CPU stand-in for the authors' Neural
# Sculpting code, used by bench/run as the baseline Sculptor is timed against.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Follows doc/method.md (§1.1 data and loaders, §2 network, loss, Adam and
# the training run, §3 unit pruning, §4 edge pruning), keeping
# the structure of the reference implementation so that its cost is that of
# the original: a torch Dataset that draws fresh N(0, 0.1²) input noise on
# every fetch, DataLoaders with worker processes (2 by default, as the
# reference hard-codes; forked again for every pass over a loader), masked
# linear layers computing (W ⊙ M)x + b ⊙ m, the custom BCE of §2.2,
# torch.optim.Adam with L2 weight decay, best-epoch selection with
# copy.deepcopy, unit scores from a batch-size-1 loader, numpy percentiles
# and the linear schedule with halving.
#
# Deliberate differences, all of which make this stand-in *faster* than the
# original (so speed-ups measured against it are conservative):
#   * stages 1 and 2 run in one process (the reference starts python + torch
#     once per stage);
#   * no per-epoch progress printing, no model/mask/result files written;
#   * module detection (§5, negligible cost) is not part of it.
#
# Usage:
#   /usr/bin/python3 bench/reference.py --csv TABLE.csv --arch 4,24,4 \
#       [--mode dense|pipeline] [--lr 0.05] [--batch-size 8] [--epochs 15] \
#       [--unit-step 70] [--edge-steps 2.5,2.0] [--seed 0] [--workers 2] \
#       [--threads 1]
#
# TABLE.csv is a truth table with a header x0,…,y0,… (what
# `sculptor-cli tasks NAME --csv` prints). The result is one JSON object on
# stdout: total and per-stage seconds, number of training runs, final
# accuracy and density, and the settings used.

import argparse
import copy
import csv
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset, TensorDataset


# --------------------------------------------------------------------------
# Data (§1.1)

def read_truth_table(path):
    """Inputs as int64 and targets as float64, like the reference's pickles."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]
    xi = [i for i, h in enumerate(header) if h.startswith("x")]
    yi = [i for i, h in enumerate(header) if h.startswith("y")]
    if not xi or not yi:
        sys.exit(f"{path}: header must name inputs x… and outputs y…")
    body = [r for r in rows[1:] if r]
    x = torch.tensor([[int(r[i]) for i in xi] for r in body], dtype=torch.int64)
    y = torch.tensor([[float(r[i]) for i in yi] for r in body], dtype=torch.float64)
    return x, y


def add_gaussian_noise(tensor, std):
    return tensor + torch.randn(tensor.size()) * std


class NoisyTensorDataset(Dataset):
    """Applies the transform on every fetch: fresh noise each epoch (§1.1)."""

    def __init__(self, tensors, transform=None, std=None):
        assert all(tensors[0].size(0) == t.size(0) for t in tensors)
        self.tensors = tensors
        self.transform = transform
        self.std = std

    def __getitem__(self, index):
        x = self.tensors[0][index]
        if self.transform:
            x = self.transform(x, self.std)
        return x, self.tensors[1][index]

    def __len__(self):
        return self.tensors[0].size(0)


def load_data(table, batch_size, workers):
    """Train (noisy, shuffled), validation and test (noiseless, in order):
    the same full truth table three times (§1.1, §9.1)."""
    x, y = table
    train_set = NoisyTensorDataset((x, y), transform=add_gaussian_noise, std=0.1)
    val_set = NoisyTensorDataset((x, y))
    test_set = TensorDataset(x, y)
    train = DataLoader(train_set, batch_size=batch_size, shuffle=True,
                       num_workers=workers)
    val = DataLoader(val_set, batch_size=batch_size, shuffle=False,
                     num_workers=workers)
    test = DataLoader(test_set, batch_size=batch_size, shuffle=False,
                      num_workers=workers)
    return train, val, test


# --------------------------------------------------------------------------
# Network (§2.1)

class MaskedLinear(nn.Linear):
    """y = (W ⊙ M) x + b ⊙ m once a mask is installed; installing it also
    zeroes the masked parameters, so they get no gradient and stay 0."""

    def __init__(self, n_in, n_out):
        super().__init__(n_in, n_out)
        self.masked = False

    def set_mask(self, weight_mask, bias_mask):
        self.weight_mask = weight_mask.detach().clone().requires_grad_(False)
        self.bias_mask = bias_mask.detach().clone().requires_grad_(False)
        self.weight.data = self.weight.data * self.weight_mask
        self.bias.data = self.bias.data * self.bias_mask
        self.masked = True

    def forward(self, x):
        if self.masked:
            return F.linear(x, self.weight * self.weight_mask,
                            self.bias * self.bias_mask)
        return F.linear(x, self.weight, self.bias)


class MLP(nn.Module):
    """ReLU hidden layers, sigmoid outputs. forward() returns every layer's
    activations; forward2() also retains the hidden activations' gradients
    for the unit scores of §3.1."""

    def __init__(self, arch):
        super().__init__()
        self.layers = nn.ModuleList(
            MaskedLinear(arch[k], arch[k + 1]) for k in range(len(arch) - 1))
        for m in self.modules():
            if isinstance(m, MaskedLinear):
                nn.init.kaiming_normal_(m.weight)   # N(0, 2 / fan_in)
                nn.init.constant_(m.bias, 0)
        self.op = None

    def forward(self, x, retain=False):
        op = [x]
        for k, layer in enumerate(self.layers):
            x = layer(x)
            if k < len(self.layers) - 1:
                x = torch.relu(x)
                if retain:
                    x.retain_grad()
            else:
                x = torch.sigmoid(x)
            op.append(x)
        self.op = op
        return op

    def forward2(self, x):
        return self.forward(x, retain=True)

    def set_masks(self, weight_masks, bias_masks):
        for layer, wm, bm in zip(self.layers, weight_masks, bias_masks):
            layer.set_mask(wm, bm)


def get_bias_mask(weight_masks):
    """m_k[j] = 0 iff row j of M_k is all zero (§2.1), row by row."""
    bias_masks = []
    for wm in weight_masks:
        mask = torch.ones(len(wm))
        for j in range(len(wm)):
            if torch.sum(wm[j]) == 0:
                mask[j] = 0.0
        bias_masks.append(mask)
    return bias_masks


def count(weight_masks):
    n = sum(torch.sum(wm) for wm in weight_masks)
    total = sum(torch.numel(wm) for wm in weight_masks)
    return float(n / total)


# --------------------------------------------------------------------------
# Loss (§2.2) and training (§2.3, §2.4)

def bce_loss(outputs, labels):
    one = outputs * labels
    zero = (torch.ones(labels.size()) - labels) * (torch.ones(labels.size()) - outputs)
    t = one + zero
    loss = torch.sum(-torch.log(t)) / torch.numel(labels)
    if torch.isinf(loss):
        t = t + (t <= 0.0).float() * 1e-8
        loss = torch.sum(-torch.log(t)) / torch.numel(labels)
    return loss


def test_boolean(net, loader):
    """Per-bit accuracy; loss = Σ batch means / last batch index (§9.4)."""
    net.eval()
    total = 0
    correct = 0
    total_loss = 0
    with torch.no_grad():
        for idx, (data, target) in enumerate(loader):
            output = net(data.float())[-1]
            total_loss += bce_loss(output, target)
            total += torch.numel(target)
            correct += torch.sum((output > 0.5).float() == target)
    acc = 100.0 * correct / total
    total_loss = total_loss / idx    # idx == 0: +inf, as in the reference
    return float(total_loss), float(acc)


def train_network(net, optimizer, scheduler, loaders, epochs, stats):
    train, val, test = loaders
    best = None
    best_loss = 1000.0
    best_acc = 0.0
    for _ in range(epochs):
        net.train()
        for data, target in train:
            optimizer.zero_grad()
            output = net(data.float())[-1]
            loss = bce_loss(output, target)
            loss.backward()
            optimizer.step()
        val_loss, val_acc = test_boolean(net, val)
        if val_loss < 1000.0:
            if (best_loss >= val_loss and val_acc >= best_acc) or val_acc > best_acc:
                best = copy.deepcopy(net)
                best_loss = val_loss
                best_acc = val_acc
        elif val_acc >= best_acc:
            best = copy.deepcopy(net)
            best_acc = val_acc
        scheduler.step()
    _, test_acc = test_boolean(best, test)
    stats["training_runs"] += 1
    return best, test_acc


def fresh_optimizer(net, args):
    """A new Adam for every training run (§2.3); gamma 1.0 = constant lr."""
    opt = torch.optim.Adam(net.parameters(), lr=args.lr,
                           weight_decay=args.weight_decay)
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=1.0)
    return opt, sched


# --------------------------------------------------------------------------
# Stage 1: unit pruning (§3)

def unit_scores(net, mask, table, args):
    """activation × gradient over the noiseless set at batch size 1 (§3.1).
    The reference reloads the data (batch size 1) for every scoring."""
    _, val, _ = load_data(table, 1, args.workers)
    scorer = copy.deepcopy(net)
    scorer.set_masks(mask, get_bias_mask(mask))
    scorer.train()
    per_layer = [[] for _ in range(len(mask) - 1)]
    for data, target in val:
        output = scorer.forward2(data.float())
        loss = bce_loss(output[-1], target)
        loss.backward()
        op = scorer.op
        for i in range(1, len(op) - 1):
            s = op[i].grad.abs().detach() * op[i].abs().detach()
            per_layer[i - 1].append(s.numpy()[0])
    scores = []
    for layer in per_layer:
        scores += list(np.mean(layer, axis=0))
    return np.array(scores).flatten()


def prune_units(net, prune_perc, mask, table, arch, args):
    """Cumulative unit mask for a global percentile of the scores (§3.2)."""
    if mask is None:
        mask = [torch.ones(layer.weight.size()) for layer in net.layers]
    scores = unit_scores(net, mask, table, args)
    threshold = np.percentile(scores, prune_perc)
    keep = scores > threshold
    u = 0
    for i in range(len(arch) - 2):
        for j in range(len(mask[i])):
            if not keep[u]:
                mask[i][j] = torch.zeros(mask[i][j].size())
                for k in range(len(mask[i + 1])):
                    mask[i + 1][k][j] = 0
            u += 1
    return mask, get_bias_mask(mask)


def unit_stage(dense, table, loaders, arch, args, stats):
    model1 = MLP(arch)
    model1.load_state_dict(dense.state_dict())
    p_min = 100.0 / float(np.sum(arch[1:-1]))
    follow = True
    p = 0.0
    prev_perc = 0.0
    prev_model = None
    prev_masks = None
    weight_masks = None
    i = 1
    while True:
        if follow:
            perc = args.unit_step * i
            p = perc - prev_perc
        else:
            perc = prev_perc + p
        if perc >= 100.0:
            accepted = False
        else:
            weight_masks, bias_masks = prune_units(model1, perc, weight_masks,
                                                   table, arch, args)
            model1.set_masks(weight_masks, bias_masks)
            opt, sched = fresh_optimizer(model1, args)
            model1, acc = train_network(model1, opt, sched, loaders,
                                        args.epochs, stats)
            accepted = acc >= args.threshold
        if accepted:
            prev_model = copy.deepcopy(model1)
            prev_masks = copy.deepcopy(weight_masks)
            prev_perc = perc
        elif p > p_min:
            if prev_model is not None:
                model1 = copy.deepcopy(prev_model)
                weight_masks = copy.deepcopy(prev_masks)
            else:
                model1 = copy.deepcopy(dense)
                weight_masks = None
            follow = False
            p = max(p / 2, p_min)
        else:
            break
        i += 1
    if prev_model is None:
        # The reference crashes here (§9.9); carry on with the dense net.
        prev_model = copy.deepcopy(dense)
        prev_masks = [torch.ones(layer.weight.size()) for layer in dense.layers]
    return prev_model, prev_masks, prev_perc


# --------------------------------------------------------------------------
# Stage 2: edge pruning (§4)

def magnitude_prune(net, prune_perc):
    scored = copy.deepcopy(net)
    scored.eval()
    scores = [p.data.abs_() for p in scored.parameters() if p.dim() != 1]
    all_weights = []
    for s in scores:
        all_weights += list(s.numpy().flatten())
    threshold = np.percentile(np.array(all_weights), prune_perc)
    masks = [(s > threshold).float() for s in scores]
    return masks, get_bias_mask(masks)


def edge_stage(unit_model, unit_masks, loaders, arch, args, stats):
    model = MLP(arch)
    model.load_state_dict(unit_model.state_dict())
    n_weights = sum(arch[k] * arch[k + 1] for k in range(len(arch) - 1))
    p_min = 100.0 / float(n_weights)
    perc_init = 100.0 * (1.0 - count(unit_masks))
    model.set_masks(unit_masks, get_bias_mask(unit_masks))
    opt, sched = fresh_optimizer(model, args)
    model, _ = train_network(model, opt, sched, loaders, args.epochs, stats)

    runs = []
    for pe in args.edge_steps:
        t0 = time.perf_counter()
        model1 = copy.deepcopy(model)
        prev_model = copy.deepcopy(model1)
        prev_masks = copy.deepcopy(unit_masks)
        prev_perc = perc_init
        follow = True
        p = pe
        n_accepted = 0
        i = 1
        while True:
            if follow:
                perc = perc_init + pe * i
                p = perc - prev_perc
            else:
                perc = prev_perc + p
            if perc >= 100.0:
                accepted = False
            else:
                masks, bias_masks = magnitude_prune(model1, perc)
                model1.set_masks(masks, bias_masks)
                opt, sched = fresh_optimizer(model1, args)
                model1, acc = train_network(model1, opt, sched, loaders,
                                            args.epochs, stats)
                accepted = acc >= args.threshold
            if accepted:
                prev_model = copy.deepcopy(model1)
                prev_masks = copy.deepcopy(masks)
                prev_perc = perc
                n_accepted += 1
            elif p > p_min:
                model1 = copy.deepcopy(prev_model)
                follow = False
                p = max(p / 2, p_min)
            else:
                break
            i += 1
        runs.append({"pe": pe, "model": prev_model, "masks": prev_masks,
                     "final_percent": 100.0 * (1.0 - count(prev_masks)),
                     "accepted_steps": n_accepted,
                     "seconds": time.perf_counter() - t0})
    return runs


# --------------------------------------------------------------------------

def hidden_units_left(masks):
    """Hidden units with an incoming and an outgoing edge."""
    alive = 0
    for k in range(len(masks) - 1):
        incoming = masks[k].sum(dim=1) > 0
        outgoing = masks[k + 1].sum(dim=0) > 0
        alive += int((incoming & outgoing).sum())
    return alive


def parse_args(argv):
    ap = argparse.ArgumentParser(description="PyTorch CPU reference of Neural Sculpting stages 1-2")
    ap.add_argument("--csv", required=True, help="truth table x0,…,y0,…")
    ap.add_argument("--arch", required=True, help="layer widths, e.g. 4,24,4")
    ap.add_argument("--mode", choices=["dense", "pipeline"], default="pipeline")
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--weight-decay", type=float, default=1e-4)
    ap.add_argument("--unit-step", type=float, default=70.0, help="Pu")
    ap.add_argument("--edge-steps", default="2.5", help="Pe list, e.g. 2.5,2.0")
    ap.add_argument("--threshold", type=float, default=100.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2,
                    help="DataLoader worker processes (the reference uses 2)")
    ap.add_argument("--threads", type=int, default=1,
                    help="torch intra-op threads; 0 keeps torch's default")
    args = ap.parse_args(argv)
    args.arch = [int(w) for w in args.arch.split(",")]
    args.edge_steps = [float(s) for s in args.edge_steps.split(",")]
    return args


def main(argv):
    t_start = time.perf_counter()
    args = parse_args(argv)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)

    table = read_truth_table(args.csv)
    arch = args.arch
    if arch[0] != table[0].shape[1] or arch[-1] != table[1].shape[1]:
        sys.exit(f"--arch {arch} does not fit the table "
                 f"({table[0].shape[1]} inputs, {table[1].shape[1]} outputs)")
    loaders = load_data(table, args.batch_size, args.workers)
    stats = {"training_runs": 0}
    stages = {}

    t0 = time.perf_counter()
    dense = MLP(arch)
    opt, sched = fresh_optimizer(dense, args)
    dense, dense_acc = train_network(dense, opt, sched, loaders, args.epochs, stats)
    stages["dense"] = time.perf_counter() - t0
    result = {"dense_accuracy": dense_acc}

    if args.mode == "pipeline":
        t0 = time.perf_counter()
        unit_model, unit_masks, unit_perc = unit_stage(dense, table, loaders,
                                                       arch, args, stats)
        stages["unit"] = time.perf_counter() - t0
        runs_after_unit = stats["training_runs"]

        t0 = time.perf_counter()
        runs = edge_stage(unit_model, unit_masks, loaders, arch, args, stats)
        stages["edge"] = time.perf_counter() - t0
        # The sparsest Pe wins, first on ties (method.md §0).
        chosen = max(range(len(runs)), key=lambda r: (runs[r]["final_percent"], -r))
        final = runs[chosen]
        total = time.perf_counter() - t_start

        # Reporting only, outside every timed stage.
        _, _, test = load_data(table, args.batch_size, 0)
        _, final_acc = test_boolean(final["model"], test)
        n_weights = sum(arch[k] * arch[k + 1] for k in range(len(arch) - 1))
        result.update({
            "unit_percent": unit_perc,
            "unit_training_runs": runs_after_unit - 1,
            "hidden_units_after_unit_stage": hidden_units_left(unit_masks),
            "edge_training_runs": stats["training_runs"] - runs_after_unit,
            "edge_runs": [{k: r[k] for k in ("pe", "final_percent",
                                              "accepted_steps", "seconds")}
                          for r in runs],
            "chosen_pe": final["pe"],
            "final_accuracy": final_acc,
            "final_density": float(sum(m.sum() for m in final["masks"])) / n_weights,
            "final_weights": int(sum(m.sum() for m in final["masks"])),
            "final_hidden_units": hidden_units_left(final["masks"]),
        })
    else:
        total = time.perf_counter() - t_start
        result.update({"final_accuracy": dense_acc, "final_density": 1.0})

    out = {
        "implementation": "pytorch-reference",
        "mode": args.mode,
        "csv": args.csv,
        "arch": arch,
        "lr": args.lr,
        "batch_size": args.batch_size,
        "epochs": args.epochs,
        "unit_step": args.unit_step,
        "edge_steps": args.edge_steps,
        "seed": args.seed,
        "workers": args.workers,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "numpy": np.__version__,
        "total_seconds": total,
        "stage_seconds": stages,
        "training_runs": stats["training_runs"],
        "seconds_per_training_run": total / max(1, stats["training_runs"]),
    }
    out.update(result)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
