"""The data a network trains on, all offline: bundled, generated, or read from the person's own files.

- ``digits``: scikit-learn's bundled 8x8 digits (1,797 images, pixels scaled to [0, 1]), the stand-in
  for MNIST.
- ``mnist``: a copy the person already has: a folder with the four IDX files (gzipped or not), or the
  ``mnist.npz`` Keras caches. Its own test files are the validation set.
- ``moons``, ``circles``, ``spirals``, ``xor``, ``blobs``: the TensorFlow Playground's 2D sets (and
  scikit-learn's moons), drawn from ``numpy.random.default_rng(seed)`` and scaled to about [-1, 1].
- ``sine``: y = sin(x) + noise·N(0, 1) on x in [-π, π] (regression).
- ``csv``: numbers, one sample a line, an optional header line; the last column is the target.

Nothing here ever opens a network connection. Every error is an InputError whose path is relative to
the problem object (``data.path``).
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gdsim.core.errors import InputError
from gdsim.nets.spec import GENERATED_2D, GENERATED_SAMPLES, DataSpec

#: Largest file read (bytes, after decompression for gzip): MNIST's training images are 47 MB.
MAX_FILE_BYTES = 200_000_000
IDX_FILES = {"x_train": "train-images-idx3-ubyte", "y_train": "train-labels-idx1-ubyte",
             "x_test": "t10k-images-idx3-ubyte", "y_test": "t10k-labels-idx1-ubyte"}
IDX_TYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


@dataclass(frozen=True)
class DataSet:
    """Training and validation samples as float32 features (images flattened) and targets.

    ``y_*`` are int64 class labels for classification and float32 columns (n, 1) for regression;
    ``classes`` is None for regression; ``image_shape`` is (height, width) for image data.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    classes: int | None
    image_shape: tuple[int, int] | None = None

    @property
    def features(self) -> int:
        return self.x_train.shape[1]

    @property
    def outputs(self) -> int:
        return self.classes or 1


def load_data(spec: DataSpec, classification: bool) -> DataSet:
    """The data set ``spec`` describes, split into training and validation samples.

    Parameters
    ----------
    spec
        The checked data settings.
    classification
        Whether targets are class labels (cross-entropy) or numbers (mse); only a csv depends on it.
    """
    name = spec.name
    if name == "mnist":
        return _mnist(spec)
    if name == "digits":
        x, y, shape = _digits()
    elif name in GENERATED_2D:
        x, y = GENERATORS[name](spec.n or GENERATED_SAMPLES, spec.noise, np.random.default_rng(spec.seed))
        shape = None
    elif name == "sine":
        x, y = _sine(spec.n or GENERATED_SAMPLES, spec.noise, np.random.default_rng(spec.seed))
        shape = None
    else:
        x, y = _csv(Path(spec.path), classification)
        shape = None
    if spec.n is not None and name not in (*GENERATED_2D, "sine"):
        x, y = x[: spec.n], y[: spec.n]
    return _split(name, x, y, spec, classification, shape)


def _split(name: str, x: np.ndarray, y: np.ndarray, spec: DataSpec, classification: bool,
           shape: tuple[int, int] | None) -> DataSet:
    """Shuffle with the data seed and hold out ``val_fraction`` of the samples (at least one each)."""
    order = np.random.default_rng([spec.seed, 1]).permutation(len(x))
    n_val = min(max(round(spec.val_fraction * len(x)), 1 if spec.val_fraction > 0 else 0), len(x) - 1)
    val, train = order[:n_val], order[n_val:]
    x = x.astype(np.float32)
    if classification:
        y = y.astype(np.int64)
        classes = int(y.max()) + 1 if len(y) else 0
    else:
        y = y.astype(np.float32).reshape(-1, 1)
        classes = None
    return DataSet(name, x[train], y[train], x[val], y[val], classes, shape)


# --- bundled and generated --------------------------------------------------------------------------


def _digits() -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    """scikit-learn's 1,797 handwritten digits (8x8 pixels from 0 to 16), scaled to [0, 1].

    Read from the file scikit-learn ships, found without importing it: ``import sklearn`` takes
    about 1.3 s and holds the interpreter lock up to 100 ms at a time while the window waits to
    paint. scikit-learn's own loader reads the same file when it is not where it was found.
    """
    path = _sklearn_data_file("digits.csv.gz")
    if path is not None:
        with gzip.open(path, "rt", encoding="utf-8") as rows:
            data = np.loadtxt(rows, delimiter=",")
        return data[:, :-1] / 16.0, data[:, -1].astype(int), (8, 8)
    from sklearn.datasets import load_digits

    digits = load_digits()
    return digits.data / 16.0, digits.target, (8, 8)


def _sklearn_data_file(name: str) -> Path | None:
    """Where scikit-learn keeps its bundled data file ``name`` (None if it is not installed or not there)."""
    spec = importlib.util.find_spec("sklearn")  # a top-level package is found, not imported
    for root in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(root) / "datasets" / "data" / name
        if path.is_file():
            return path
    return None


def _moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (scikit-learn's make_moons), centred and scaled to about [-1, 1]."""
    outer = n // 2
    t_outer = np.linspace(0, np.pi, outer)
    t_inner = np.linspace(0, np.pi, n - outer)
    x = np.concatenate([np.column_stack([np.cos(t_outer), np.sin(t_outer)]),
                        np.column_stack([1 - np.cos(t_inner), 0.5 - np.sin(t_inner)])])
    x = x + noise * rng.standard_normal(x.shape)
    y = np.concatenate([np.zeros(outer), np.ones(n - outer)])
    return (x - [0.5, 0.25]) / 1.5, y


def _circles(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The Playground's circle: a disc of one class inside a ring of the other, radius 1."""
    inner = n // 2
    radius = np.concatenate([rng.uniform(0, 0.5, inner), rng.uniform(0.7, 1.0, n - inner)])
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    x = x + noise * rng.uniform(-1, 1, x.shape)
    return x, np.concatenate([np.ones(inner), np.zeros(n - inner)])


def _spirals(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The Playground's two spirals, each turning 1.75 times, radius 1."""
    half = n // 2
    parts, labels = [], []
    for label, count, delta in ((1, half, 0.0), (0, n - half, np.pi)):
        i = np.arange(count)
        r = i / count
        t = 1.75 * i / count * 2 * np.pi + delta
        parts.append(np.column_stack([r * np.sin(t), r * np.cos(t)]) + noise * rng.uniform(-1, 1, (count, 2)))
        labels.append(np.full(count, label))
    return np.concatenate(parts), np.concatenate(labels)


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The Playground's exclusive or: the class is the sign of x·y, points kept off the axes."""
    x = rng.uniform(-1, 1, (n, 2))
    x = x + np.where(x > 0, 0.06, -0.06)
    label = (x[:, 0] * x[:, 1] >= 0).astype(float)
    return x + noise * rng.uniform(-1, 1, x.shape), label


def _blobs(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Three Gaussian clusters at the corners of a triangle; ``noise`` widens them (σ = 0.15 + noise)."""
    centres = np.array([[-0.6, -0.4], [0.6, -0.4], [0.0, 0.6]])
    labels = np.arange(n) % 3
    x = centres[labels] + (0.15 + noise) * rng.standard_normal((n, 2))
    return x, labels.astype(float)


def _sine(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(-math.pi, math.pi, n)
    return x[:, None], np.sin(x) + noise * rng.standard_normal(n)


GENERATORS = {"moons": _moons, "circles": _circles, "spirals": _spirals, "xor": _xor, "blobs": _blobs}


# --- files -------------------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    """A file's bytes (gunzipped when it ends in .gz), refused past MAX_FILE_BYTES."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError("data.path", f"{path} is larger than {MAX_FILE_BYTES // 1_000_000} MB",
                             "dataset.too_large", {"path": str(path), "mb": MAX_FILE_BYTES // 1_000_000})
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as file:
                data = file.read(MAX_FILE_BYTES + 1)
        else:
            data = path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise InputError("data.path", f"cannot read {path}: {error}", "file.unreadable",
                         {"path": str(path), "reason": str(error)}) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError("data.path", f"{path} unpacks to more than {MAX_FILE_BYTES // 1_000_000} MB",
                         "dataset.unpacks_large", {"path": str(path), "mb": MAX_FILE_BYTES // 1_000_000})
    return data


def read_idx(path: Path) -> np.ndarray:
    """An IDX file (LeCun's MNIST format): magic 0, 0, a type byte, the number of dimensions, then
    each dimension as a big-endian 32-bit count, then the values."""
    data = _read_bytes(path)
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in IDX_TYPES:
        raise InputError("data.path", f"{path} is not an IDX file (wrong magic number)", "dataset.not_idx",
                         {"path": str(path)})
    ndim = data[3]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise InputError("data.path", f"{path} ends inside its header", "dataset.idx_header", {"path": str(path)})
    shape = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    dtype = np.dtype(IDX_TYPES[data[2]])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(data) - header != expected:
        raise InputError("data.path", f"{path} holds {len(data) - header} bytes of values; its header "
                         f"{list(shape)} says {expected}", "dataset.idx_size",
                         {"path": str(path), "found": len(data) - header, "shape": str(list(shape)),
                          "expected": expected})
    return np.frombuffer(data, dtype=dtype, offset=header).reshape(shape)


def _idx_file(folder: Path, stem: str) -> Path:
    for name in (stem, stem + ".gz", stem.replace("-idx", ".idx"), stem.replace("-idx", ".idx") + ".gz"):
        if (folder / name).is_file():
            return folder / name
    raise InputError("data.path", f"{folder} has no {stem} (nor {stem}.gz); it needs the four MNIST IDX files, "
                     "or point data.path at Keras' mnist.npz", "dataset.idx_missing",
                     {"path": str(folder), "file": stem})


def _mnist_arrays(path: Path) -> dict[str, np.ndarray]:
    if path.is_dir():
        return {key: read_idx(_idx_file(path, stem)) for key, stem in IDX_FILES.items()}
    if not path.is_file():
        raise InputError("data.path", f"{path} does not exist: point it at a folder with the four MNIST IDX files "
                         "or at Keras' mnist.npz (~/.keras/datasets/mnist.npz); gdsim never downloads",
                         "dataset.mnist_missing", {"path": str(path)})
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError("data.path", f"{path} is larger than {MAX_FILE_BYTES // 1_000_000} MB",
                             "dataset.too_large", {"path": str(path), "mb": MAX_FILE_BYTES // 1_000_000})
        with np.load(path, allow_pickle=False) as npz:
            missing = [key for key in IDX_FILES if key not in npz.files]
            if missing:
                raise InputError("data.path", f"{path} lacks {', '.join(missing)} (Keras' mnist.npz holds "
                                 "x_train, y_train, x_test, y_test)", "dataset.npz_keys",
                                 {"path": str(path), "missing": ", ".join(missing)})
            return {key: npz[key] for key in IDX_FILES}
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        raise InputError("data.path", f"cannot read {path} as an .npz file: {error}", "dataset.npz_unreadable",
                         {"path": str(path), "reason": str(error)}) from None


def _mnist(spec: DataSpec) -> DataSet:
    arrays = _mnist_arrays(Path(spec.path).expanduser())
    images = []
    for x_key, y_key in (("x_train", "y_train"), ("x_test", "y_test")):
        x, y = arrays[x_key], arrays[y_key]
        if x.ndim != 3 or y.ndim != 1 or len(x) != len(y) or not len(x):
            raise InputError("data.path", f"{x_key} must be (n, height, width) images with one label each in "
                             f"{y_key}; found {list(x.shape)} and {list(y.shape)}", "dataset.mnist_shape",
                             {"x": x_key, "y": y_key, "x_shape": str(list(x.shape)), "y_shape": str(list(y.shape))})
        if y.min() < 0 or y.max() > 9:
            raise InputError("data.path", f"{y_key} must hold digits 0 to 9", "dataset.mnist_labels", {"y": y_key})
        images.append((x, y))
    (x_train, y_train), (x_val, y_val) = images
    if x_train.shape[1:] != x_val.shape[1:]:
        raise InputError("data.path", "the training and test images differ in size", "dataset.mnist_sizes")
    if spec.n is not None:
        x_train, y_train = x_train[: spec.n], y_train[: spec.n]
    shape = x_train.shape[1:]
    scale = 255.0 if x_train.dtype == np.uint8 else 1.0

    def flat(x: np.ndarray) -> np.ndarray:
        return (x.reshape(len(x), -1) / scale).astype(np.float32)

    return DataSet("mnist", flat(x_train), y_train.astype(np.int64), flat(x_val), y_val.astype(np.int64), 10,
                   (int(shape[0]), int(shape[1])))


def _csv(path: Path, classification: bool) -> tuple[np.ndarray, np.ndarray]:
    text = _read_bytes(path.expanduser()).decode("utf-8", errors="replace")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = [cell.strip() for cell in line.split(",")]
        if not line.strip():
            continue
        try:
            values = [float(cell) for cell in cells]
        except ValueError:
            if not rows and number == 1:
                continue  # a header line
            raise InputError("data.path", f"{path}, line {number}: not a list of numbers", "dataset.csv_numbers",
                             {"path": str(path), "line": number}) from None
        if rows and len(values) != len(rows[0]):
            raise InputError("data.path", f"{path}, line {number}: {len(values)} columns where line 1 of the "
                             f"data has {len(rows[0])}", "dataset.csv_ragged",
                             {"path": str(path), "line": number, "columns": len(values), "expected": len(rows[0])})
        if not all(math.isfinite(v) for v in values):
            raise InputError("data.path", f"{path}, line {number}: a value is not finite", "dataset.csv_finite",
                             {"path": str(path), "line": number})
        rows.append(values)
    if len(rows) < 2 or len(rows[0]) < 2:
        raise InputError("data.path", f"{path} needs at least two samples of at least two columns (features, "
                         "then the target)", "dataset.csv_small", {"path": str(path)})
    table = np.array(rows)
    x, y = table[:, :-1], table[:, -1]
    if classification and (np.any(y < 0) or np.any(y != np.round(y))):
        raise InputError("data.path", f"{path}: with cross_entropy the last column must hold class numbers 0, 1, "
                         "2, ...", "dataset.csv_classes", {"path": str(path)})
    return x, y
