"""Lesson 16 against article 002's own PyTorch training loop, re-typed (on digits instead of MNIST)."""

import json
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from gdsim.nets.runtime import generator
from gdsim.session.scenario import parse_scenario
from gdsim.session.simulate import simulate

LESSON = Path(__file__).resolve().parents[2] / "resources" / "scenarios" / "16_mlp_digits_adam_vs_sgd.json"


class SimpleNN(nn.Module):
    """The article's network, with the digits' 64 inputs in place of MNIST's 784."""

    def __init__(self, inputs: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(inputs, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


def test_lesson_16_is_the_articles_adam_loop_and_adam_wins():
    data = json.loads(LESSON.read_text(encoding="utf-8"))
    recording = simulate(data)
    _, problem = parse_scenario(data)
    model = SimpleNN(problem.data.features)
    start = problem.initial_model(data["seed"])
    with torch.no_grad():
        for mine, gdsims in zip(model.parameters(), start.parameters(), strict=True):
            mine.copy_(gdsims)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    criterion = nn.CrossEntropyLoss()
    train = TensorDataset(torch.from_numpy(problem.data.x_train), torch.from_numpy(problem.data.y_train))
    train_loader = DataLoader(train, batch_size=32, shuffle=True, generator=generator(data["seed"], "batches", 0))
    losses = []
    while len(losses) < data["steps"]:  # the article's epochs, stopped at the scenario's updates
        for x_train, y_train in train_loader:
            if len(losses) == data["steps"]:
                break
            optimizer.zero_grad()
            loss = criterion(model(x_train), y_train)
            losses.append(loss.item())
            loss.backward()
            optimizer.step()
    adam, sgd, momentum = recording["runs"]
    assert np.array_equal(adam["loss"], losses)
    assert adam["steps"] * 32 / problem.n_samples >= 10  # the article's 10 epochs
    assert adam["final"]["val_accuracy"] >= 0.94  # the caption says "about 94%"
    assert adam["final"]["val_loss"] < momentum["final"]["val_loss"] < sgd["final"]["val_loss"]
    assert sgd["final"]["train_loss"] > 1.0  # plain SGD with lr 0.01 has hardly started
