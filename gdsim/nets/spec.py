"""The "network" problem of a scenario, declared and checked without torch.

``{"kind": "network", "data": {...}, "model": {...}, "loss": ...}``: every setting is a Param (the
README's table lists them), checked with its key path relative to the problem object
(``data.name``, ``model.hidden[1]``). Building the problem (torch, the data files) is
:func:`gdsim.nets.problem.build_network_problem`; this module imports neither torch nor sklearn, so
the catalog and the layer tests can read it at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.params import Param, check_keys, check_params, describe, require_object

#: Data sets whose targets are class labels, and the one whose target is a number.
CLASSIFICATION_DATA = ("digits", "mnist", "moons", "circles", "spirals", "xor", "blobs")
REGRESSION_DATA = ("sine",)
DATA_NAMES = (*CLASSIFICATION_DATA, *REGRESSION_DATA, "csv")
#: The Playground's two-dimensional sets (and moons), generated from the data seed.
GENERATED_2D = ("moons", "circles", "spirals", "xor", "blobs")
IMAGE_DATA = ("digits", "mnist")
MODEL_NAMES = ("linear", "logistic", "mlp", "cnn")
ACTIVATIONS = ("relu", "tanh", "sigmoid")
LOSSES = ("cross_entropy", "mse")
MAX_LAYERS = 8
#: Samples a generated set draws when ``n`` is null.
GENERATED_SAMPLES = 400

DATA_PARAMS: tuple[Param, ...] = (
    Param("name", "choice", "digits", "The data set: digits (scikit-learn's bundled 8x8 digits), mnist (a copy you "
          "already have, see path), moons, circles, spirals, xor, blobs (the Playground's 2D sets), sine (a noisy "
          "sine, regression) or csv (your own file).", label="Data", choices=DATA_NAMES),
    Param("n", "whole", None, "Samples: a generated set draws this many (null: 400); digits, mnist and csv use at "
          "most this many (null: all).", label="Samples", low=10, high=1_000_000, optional=True, placeholder="auto"),
    Param("noise", "number", 0.1, "Noise of a generated set (moons, circles, spirals, xor, blobs, sine).",
          label="Noise", low=0.0, high=10.0),
    Param("seed", "whole", 0, "Seeds the generated data and the train/validation split.", label="Data seed",
          low=0, high=2**63 - 1),
    Param("path", "text", None, "mnist: a folder with the four IDX files (gzipped or not) or Keras' mnist.npz; "
          "csv: a file of numbers, the last column the target. Nothing is ever downloaded.", label="Path",
          optional=True, placeholder="none"),
    Param("val_fraction", "number", 0.2, "Share of the samples held out for validation (mnist uses its own test "
          "files).", label="Validation share", low=0.0, high=0.9),
)
MODEL_PARAMS: tuple[Param, ...] = (
    Param("name", "choice", "mlp", "The model: linear (regression), logistic (softmax regression), mlp (hidden "
          "layers) or cnn (two convolutions, for digits and mnist).", label="Model", choices=MODEL_NAMES),
    Param("activation", "choice", "relu", "The MLP's activation between layers.", label="Activation",
          choices=ACTIVATIONS),
)
#: One hidden layer's width (``model.hidden`` is a list of them).
HIDDEN_WIDTH = Param("hidden", "whole", 64, "Units of one hidden layer.", low=1, high=4096)
DEFAULT_HIDDEN = (64,)
LOSS = Param("loss", "choice", None, "The loss: cross_entropy (classification) or mse (regression); null: the "
             "data's own.", label="Loss", choices=LOSSES, optional=True, placeholder="auto")
PROBLEM_KEYS = ("kind", "data", "model", "loss")


@dataclass(frozen=True)
class DataSpec:
    """Which data set, how many samples, its noise and seed, a file path and the validation share."""

    name: str = "digits"
    n: int | None = None
    noise: float = 0.1
    seed: int = 0
    path: str | None = None
    val_fraction: float = 0.2

    @property
    def classification(self) -> bool:
        return self.name in CLASSIFICATION_DATA


@dataclass(frozen=True)
class ModelSpec:
    """The model: its name, hidden widths and activation (the last two for an MLP only)."""

    name: str = "mlp"
    hidden: tuple[int, ...] = DEFAULT_HIDDEN
    activation: str = "relu"


@dataclass(frozen=True)
class NetworkSpec:
    """A checked network problem: data, model and loss."""

    data: DataSpec
    model: ModelSpec
    loss: str

    @property
    def classification(self) -> bool:
        return self.loss == "cross_entropy"


def _hidden(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list | tuple) or not 1 <= len(value) <= MAX_LAYERS:
        raise InputError("model.hidden", f"must be a list of 1 to {MAX_LAYERS} layer widths such as [64], not "
                         f"{describe(value)}", "type.list", {"value": describe(value)})
    return tuple(HIDDEN_WIDTH.check(width, f"model.hidden[{i}]") for i, width in enumerate(value))


def parse_network(spec: Mapping[str, Any]) -> NetworkSpec:
    """Check a network problem object; InputError with the key path within it otherwise.

    The data file itself is read later (:func:`gdsim.nets.datasets.load_data`); here only what can
    be checked without reading it: names, ranges, and the combinations that cannot train (a cnn on
    points, cross-entropy on a regression target).
    """
    check_keys(spec, PROBLEM_KEYS, owner="a network problem")
    data_object = require_object(spec.get("data", {}), "data", '{"name": "digits"}')
    data = DataSpec(**check_params(data_object, DATA_PARAMS, "data", "the data", "key"))
    model_object = dict(require_object(spec.get("model", {}), "model", '{"name": "mlp", "hidden": [64]}'))
    check_keys(model_object, ("name", "hidden", "activation"), "model", "the model")
    hidden = model_object.pop("hidden", None)
    model_settings = check_params(model_object, MODEL_PARAMS, "model", "the model")
    name = model_settings["name"]
    if name != "mlp" and (hidden is not None or "activation" in model_object):
        key = "hidden" if hidden is not None else "activation"
        raise InputError(f"model.{key}", f"only an mlp has {key}; a {name} model has none", "model.mlp_only",
                         {"key": key, "model": name})
    model = ModelSpec(name, DEFAULT_HIDDEN if hidden is None else _hidden(hidden), model_settings["activation"])
    loss = LOSS.check(spec.get("loss"), "loss")
    if loss is None:
        loss = "mse" if data.name in REGRESSION_DATA else "cross_entropy"
    if loss == "cross_entropy" and data.name in REGRESSION_DATA:
        raise InputError("loss", f"cross_entropy needs class labels; {data.name} is a regression set: use mse",
                         "loss.regression_data", {"data": data.name})
    if loss == "mse" and data.name in CLASSIFICATION_DATA:
        raise InputError("loss", f"{data.name} has class labels: use cross_entropy (mse is for sine or a csv of "
                         "numbers)", "loss.class_data", {"data": data.name})
    if model.name == "cnn" and data.name not in IMAGE_DATA:
        raise InputError("model.name", f"a cnn needs images (digits or mnist), not {data.name}", "model.cnn_images",
                         {"data": data.name})
    if model.name == "logistic" and loss != "cross_entropy":
        raise InputError("model.name", "logistic regression classifies: use cross_entropy, or a linear model "
                         "for mse", "model.logistic_loss")
    if data.name in ("mnist", "csv") and data.path is None:
        raise InputError("data.path", _missing_path(data.name), "data.path_mnist" if data.name == "mnist"
                         else "data.path_csv")
    return NetworkSpec(data, model, loss)


def _missing_path(name: str) -> str:
    if name == "mnist":
        return ("mnist is read from a copy you already have (gdsim never downloads): set it to a folder holding "
                "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                "t10k-labels-idx1-ubyte (each possibly .gz), or to Keras' mnist.npz (~/.keras/datasets/mnist.npz)")
    return "csv needs the path of a file of numbers, one sample a line, the last column the target"
