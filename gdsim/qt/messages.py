"""Messages from below gdsim/qt in the current language: refused input, stop reasons, status words.

gdsim/core and gdsim/engine stay Qt-free and speak English. An :class:`~gdsim.core.errors.InputError`
also carries a ``code`` and its ``params`` (listed in :mod:`gdsim.core.params`), so the window builds
the sentence afresh from a translated template (:data:`ERROR_TEMPLATES`); an error whose code has no
template (``"text"``) keeps its English sentence. A run's stop reason is one of the engine's fixed
sentences (:mod:`gdsim.core.stopping`, the run loops), each matched by its template in :data:`REASONS`
with the numbers put back in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from gdsim.core.errors import InputError
from gdsim.engine.status import Status

#: The translation context of the messages.
CONTEXT = "messages"

#: code -> template; %1, %2, ... are filled by :func:`_values` (the code's params, in that order).
ERROR_TEMPLATES: dict[str, str] = {
    "type.number": QT_TRANSLATE_NOOP("messages", "must be a number, not %1"),
    "type.number.optional": QT_TRANSLATE_NOOP("messages", "must be a number or empty, not %1"),
    "number.not_finite": QT_TRANSLATE_NOOP("messages", "must be a finite number, not %1"),
    "number.too_small": QT_TRANSLATE_NOOP("messages", "must be at least %1, not %2"),
    "number.too_small.open": QT_TRANSLATE_NOOP("messages", "must be greater than %1, not %2"),
    "number.too_large": QT_TRANSLATE_NOOP("messages", "must be at most %1, not %2"),
    "number.too_large.open": QT_TRANSLATE_NOOP("messages", "must be below %1, not %2"),
    "whole.between": QT_TRANSLATE_NOOP("messages", "must be a whole number from %1 to %2, not %3"),
    "whole.at_least": QT_TRANSLATE_NOOP("messages", "must be a whole number of at least %1, not %2"),
    "whole.at_most": QT_TRANSLATE_NOOP("messages", "must be a whole number of at most %1, not %2"),
    "whole.any": QT_TRANSLATE_NOOP("messages", "must be a whole number, not %1"),
    "type.bool": QT_TRANSLATE_NOOP("messages", "must be true or false, not %1"),
    "type.pair": QT_TRANSLATE_NOOP("messages", "must be %1 numbers such as %2"),
    "type.text": QT_TRANSLATE_NOOP("messages", "must be text, not %1"),
    "type.colour": QT_TRANSLATE_NOOP("messages", "must be a colour such as %1, not %2"),
    "type.object": QT_TRANSLATE_NOOP("messages", "must be an object, not %1"),
    "type.list": QT_TRANSLATE_NOOP("messages", "must be a list, not %1"),
    "type.null": QT_TRANSLATE_NOOP("messages", "must be null, not %1"),
    "choice.unknown": QT_TRANSLATE_NOOP("messages", "must be one of %1, not %2"),
    "key.unknown": QT_TRANSLATE_NOOP("messages", "unknown key %1; allowed: %2"),
    "key.missing": QT_TRANSLATE_NOOP("messages", "%1 is missing"),
    "hyper.nesterov": QT_TRANSLATE_NOOP("messages", "Nesterov momentum needs momentum > 0 and dampening 0"),
    "range.empty": QT_TRANSLATE_NOOP("messages", "the low end %1 must be below the high end %2"),
    "start.point": QT_TRANSLATE_NOOP("messages", "the start must be a point of %1 numbers (%2)"),
    "start.swarm": QT_TRANSLATE_NOOP("messages", "a swarm start is {\"grid\": [nx, ny]} or {\"random\": N}"),
    "start.grid": QT_TRANSLATE_NOOP("messages", "a grid needs %1 counts, one per parameter"),
    "start.too_many": QT_TRANSLATE_NOOP("messages", "a swarm of %1 balls is more than the %2 allowed"),
    "batch.no_data": QT_TRANSLATE_NOOP("messages", "only data problems have batches; leave it empty"),
    "batch.too_large": QT_TRANSLATE_NOOP("messages", "a batch of %1 is larger than the data set (%2 samples)"),
    "args.one_pair": QT_TRANSLATE_NOOP("messages", "must hold exactly one name and its value, not %1 keys"),
    "format.other": QT_TRANSLATE_NOOP("messages", "this is not a %1 file"),
    "version.newer": QT_TRANSLATE_NOOP("messages", "written by a newer gdsim (format version %1; this one reads "
                                                   "up to %2): update gdsim to open it"),
    "view.unfit": QT_TRANSLATE_NOOP("messages", "the view %1 does not fit this problem"),
    "file.missing": QT_TRANSLATE_NOOP("messages", "no such file: %1"),
    "file.folder": QT_TRANSLATE_NOOP("messages", "%1 is a folder, not a file"),
    "file.not_text": QT_TRANSLATE_NOOP("messages", "%1 is not a text (UTF-8) file"),
    "file.unreadable": QT_TRANSLATE_NOOP("messages", "cannot read %1: %2"),
    "file.too_large": QT_TRANSLATE_NOOP("messages", "%1 is larger than %2 MiB"),
    "file.json": QT_TRANSLATE_NOOP("messages", "not valid JSON at line %1, column %2"),
    "file.not_regular": QT_TRANSLATE_NOOP("messages", "%1 is %2, not a regular file"),
    "file.not_regular.writing": QT_TRANSLATE_NOOP("messages", "%1 is %2, not a regular file; nothing was written"),
    "file.unwritable": QT_TRANSLATE_NOOP("messages", "cannot write %1: %2; nothing was written"),
    "file.constant": QT_TRANSLATE_NOOP("messages", "%1 is not allowed in strict JSON; write null for a missing "
                                                   "number"),
    "file.too_deep": QT_TRANSLATE_NOOP("messages", "nested too deeply (lists or objects inside each other hundreds "
                                                   "of times)"),
    "key.duplicate": QT_TRANSLATE_NOOP("messages", "is given twice in the same object: keep one"),
    "number.beyond_float": QT_TRANSLATE_NOOP("messages", "must be a number a float can hold (at most about 1.8e308 "
                                                         "in size), not %1"),
    "number.beyond_float.digits": QT_TRANSLATE_NOOP("messages", "is a number of %1 digits, beyond the largest a "
                                                                "float can hold (about 1.8e308)"),
    "text.surrogate": QT_TRANSLATE_NOOP("messages", "holds a lone surrogate (%1), which is not a character: write "
                                                    "the character itself"),
    "record.array": QT_TRANSLATE_NOOP("messages", "must hold only numbers (null for a missing one), in lists of "
                                                  "equal length, one entry per point or evaluation"),
    "record.lengths": QT_TRANSLATE_NOOP("messages", "its recorded arrays must have one entry per point, but have "
                                                    "%1"),
    "events.order": QT_TRANSLATE_NOOP("messages", "is %1, before the previous event's %2: events must be in the "
                                                  "order of their steps"),
    "events.after_end": QT_TRANSLATE_NOOP("messages", "is %1, after the recording's end (meta.ticks %2)"),
    "events.no_run": QT_TRANSLATE_NOOP("messages", "there is no run %1 at that point (runs then: %2)"),
    "pace.number": QT_TRANSLATE_NOOP("messages", "must be a number of at least 0 (a whole number for ticks), not %1"),
    "pace.order": QT_TRANSLATE_NOOP("messages", "must never decrease"),
    "pace.length": QT_TRANSLATE_NOOP("messages", "must have one tick per time (%1), not %2"),
    "landscape.unnamed": QT_TRANSLATE_NOOP("messages", "must name a landscape (see `gdsim landscapes`)"),
    "recording.unavailable": QT_TRANSLATE_NOOP("messages", "this session cannot make recordings"),
    "problem.overflow": QT_TRANSLATE_NOOP("messages", "cannot be built: its numbers are too large to compute with "
                                                      "(%1)"),
    "limit.file_bytes": QT_TRANSLATE_NOOP("messages", "asks to read %1 bytes, more than the %2 allowed "
                                                      "(gdsim run --no-limits runs it anyway)"),
    "limit.runs": QT_TRANSLATE_NOOP("messages", "asks for %1 runs, more than the %2 a scenario may have "
                                                "(gdsim run --no-limits runs it anyway)"),
    "limit.balls": QT_TRANSLATE_NOOP("messages", "asks for %1 balls in all runs together, more than the %2 allowed: "
                                                 "use fewer or smaller swarms (gdsim run --no-limits runs it anyway)"),
    "limit.features": QT_TRANSLATE_NOOP("messages", "asks for %1 features (columns of x), more than the %2 allowed: "
                                                    "use fewer columns (gdsim run --no-limits runs it anyway)"),
    "limit.captions": QT_TRANSLATE_NOOP("messages", "asks for %1 captions, more than the %2 a scenario may have "
                                                    "(gdsim run --no-limits runs it anyway)"),
    "limit.events": QT_TRANSLATE_NOOP("messages", "asks for %1 events, more than the %2 a recording may have "
                                                  "(gdsim run --no-limits runs it anyway)"),
    "limit.work": QT_TRANSLATE_NOOP("messages", "asks for %1 units of work (about 10 to 15 ns of CPU each), more "
                                                "than the %2 allowed: take fewer steps, balls or samples "
                                                "(gdsim run --no-limits runs it anyway)"),
    "limit.recorded": QT_TRANSLATE_NOOP("messages", "would record %1 numbers, more than the %2 allowed: set "
                                                    "record_every to keep every k-th point, or take fewer steps "
                                                    "(gdsim run --no-limits runs it anyway)"),
    "csv.empty": QT_TRANSLATE_NOOP("messages", "%1 has no samples: give x columns and a y column, one sample "
                                               "per row"),
    "csv.narrow": QT_TRANSLATE_NOOP("messages", "%1 needs at least two columns (x columns, then y); row %2 has %3"),
    "csv.too_long": QT_TRANSLATE_NOOP("messages", "%1 has %2 samples, more than the %3 allowed"),
    "csv.ragged": QT_TRANSLATE_NOOP("messages", "row %2 of %1 has %3 columns, the first has %4"),
    "csv.not_number": QT_TRANSLATE_NOOP("messages", "row %2, column %3 of %1: “%4” is not a finite number"),
    "csv.not_label": QT_TRANSLATE_NOOP("messages", "row %2, column %3 of %1: y must be a class label, 0 or 1, "
                                                   "not %4"),
    "formula.empty": QT_TRANSLATE_NOOP("messages", "empty formula: type one in x (and y), such as x^2 + y^2"),
    "formula.unclosed": QT_TRANSLATE_NOOP("messages", "'(' at column %1 is never closed: add ')'"),
    "formula.empty_brackets": QT_TRANSLATE_NOOP("messages", "empty brackets at column %1: put something inside"),
    "formula.ends_early": QT_TRANSLATE_NOOP("messages", "the formula ends too early: something is missing at "
                                                        "the end"),
    "formula.character": QT_TRANSLATE_NOOP("messages", "'%1' is not allowed at column %2: a formula is made of "
                                                       "numbers, x, y, pi, e, + - * / ^, brackets and functions "
                                                       "such as sin(x)"),
    "formula.function": QT_TRANSLATE_NOOP("messages", "'%1' at column %2 is a function: write %1(...)"),
    "formula.bad_start": QT_TRANSLATE_NOOP("messages", "the formula cannot start with '%1' (column %2)"),
    "formula.unexpected": QT_TRANSLATE_NOOP("messages", "unexpected '%1' at column %2"),
    "formula.operator_before": QT_TRANSLATE_NOOP("messages", "missing operator before '%1' at column %2: put * "
                                                             "(or +, -, /) before it"),
    "formula.ends_after": QT_TRANSLATE_NOOP("messages", "the formula ends too early: something is missing "
                                                        "after '%1' at column %2"),
    "formula.operator_between": QT_TRANSLATE_NOOP("messages", "missing operator between '%1' and '%2' at column "
                                                              "%3: write %1*%2"),
    "formula.unknown_name": QT_TRANSLATE_NOOP("messages", "unknown name '%1' at column %2: use x, y, pi, e or "
                                                          "one of %3"),
    "formula.unknown_name.close": QT_TRANSLATE_NOOP("messages", "unknown name '%1' at column %2: did you mean "
                                                                "'%3'?"),
    "formula.variables": QT_TRANSLATE_NOOP("messages", "%1 variables: gdsim draws 1 or 2, named x and y; '%2' at "
                                                       "column %3 is one too many"),
    "data.x_constant": QT_TRANSLATE_NOOP("messages", "every x is the same, so it cannot be standardised (its "
                                                     "spread is 0)"),
    "data.column_constant": QT_TRANSLATE_NOOP("messages", "column %1 of x is constant, so it cannot be "
                                                          "standardised (its spread is 0)"),
    "data.one_class": QT_TRANSLATE_NOOP("messages", "every label is %1, so b has no finite minimum: give samples "
                                                    "of both classes"),
    "data.separable": QT_TRANSLATE_NOOP("messages", "the classes are separable, so the loss has no finite minimum: "
                                                    "add label noise or an l2 penalty"),
    "data.path_mnist": QT_TRANSLATE_NOOP("messages", "mnist is read from a copy you already have (gdsim never "
                                                     "downloads): set it to a folder holding "
                                                     "train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                                                     "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each "
                                                     "possibly .gz), or to Keras' mnist.npz "
                                                     "(~/.keras/datasets/mnist.npz)"),
    "data.path_csv": QT_TRANSLATE_NOOP("messages", "csv needs the path of a file of numbers, one sample a line, "
                                                   "the last column the target"),
    "model.mlp_only": QT_TRANSLATE_NOOP("messages", "only an mlp has %1; a %2 model has none"),
    "model.cnn_images": QT_TRANSLATE_NOOP("messages", "a cnn needs images (digits or mnist), not %1"),
    "model.logistic_loss": QT_TRANSLATE_NOOP("messages", "logistic regression classifies: use cross_entropy, or a "
                                                         "linear model for mse"),
    "model.hidden_text": QT_TRANSLATE_NOOP("messages", "“%1” is not a list of whole numbers such as 64, 32"),
    "loss.regression_data": QT_TRANSLATE_NOOP("messages", "cross_entropy needs class labels; %1 is a regression "
                                                          "set: use mse"),
    "loss.class_data": QT_TRANSLATE_NOOP("messages", "%1 has class labels: use cross_entropy (mse is for sine or "
                                                     "a csv of numbers)"),
    "eval.no_network": QT_TRANSLATE_NOOP("messages", "only networks are evaluated; use null here"),
    "init_seed.no_network": QT_TRANSLATE_NOOP("messages", "only networks have initial weights; use null here"),
    "network.fixed": QT_TRANSLATE_NOOP("messages", "must be %1 for a network: %2"),
    "update.torch": QT_TRANSLATE_NOOP("messages", "a torch optimizer updates every coordinate at once: use "
                                                  "\"simultaneous\""),
    "optimizer.class_name": QT_TRANSLATE_NOOP("messages", "unknown optimizer %1: write a gdsim name (adam, ...) or "
                                                          "torch.optim.<Class> or pytorch_optimizer.<Class>"),
    "optimizer.not_installed": QT_TRANSLATE_NOOP("messages", "pytorch_optimizer is not installed (pip install "
                                                             "pytorch-optimizer)"),
    "optimizer.unknown_class": QT_TRANSLATE_NOOP("messages", "%1 has no optimizer class %2"),
    "optimizer.refused": QT_TRANSLATE_NOOP("messages", "%1 refuses these hyperparameters: %2"),
    "optimizer.unsupported": QT_TRANSLATE_NOOP("messages", "%1 cannot move gdsim's balls: it %2"),
    "command.unknown": QT_TRANSLATE_NOOP("messages", "not an engine command: %1"),
    "option.not_settable": QT_TRANSLATE_NOOP("messages", "%1 cannot be set this way"),
    "number.range": QT_TRANSLATE_NOOP("messages", "must be a number above 0 and at most %1, not %2"),
    "render.output_kind": QT_TRANSLATE_NOOP("messages", "must end in .mp4, .gif, .png or / (a folder of PNG "
                                                        "frames), not %1"),
    "render.size": QT_TRANSLATE_NOOP("messages", "must be WIDTHxHEIGHT in pixels, such as 1280x720, not %1"),
    "render.size_range": QT_TRANSLATE_NOOP("messages", "%1 is outside %2 .. %3"),
    "render.output_is_input": QT_TRANSLATE_NOOP("messages", "refusing to overwrite the input %1"),
    "render.no_folder": QT_TRANSLATE_NOOP("messages", "there is no folder %1 to write %2 in"),
    "render.unwritable": QT_TRANSLATE_NOOP("messages", "cannot write in %1 (no permission)"),
    "render.not_folder": QT_TRANSLATE_NOOP("messages", "%1 exists and is not a folder"),
    "render.folder_not_empty": QT_TRANSLATE_NOOP("messages", "%1 holds files other than numbered frames; choose an "
                                                             "empty or new folder"),
    "render.not_file": QT_TRANSLATE_NOOP("messages", "%1 exists and is not a regular file"),
    "render.view": QT_TRANSLATE_NOOP("messages", "names no view"),
    "render.view_unknown": QT_TRANSLATE_NOOP("messages", "there is no view %1; choose from %2"),
    "render.view_unfit": QT_TRANSLATE_NOOP("messages", "the %1 view does not fit this problem; it fits %2"),
    "render.no_gl": QT_TRANSLATE_NOOP("messages", "%1 Run with a display, or choose 2d."),
    "render.title_still": QT_TRANSLATE_NOOP("messages", "a title card opens a video or a folder of frames, not a "
                                                        "still"),
    "render.step_video": QT_TRANSLATE_NOOP("messages", "chooses the step of a still (an output ending in .png)"),
    "render.step_range": QT_TRANSLATE_NOOP("messages", "must be between 0 and the last step, %1, not %2"),
    "dataset.too_large": QT_TRANSLATE_NOOP("messages", "%1 is larger than %2 MB"),
    "dataset.unpacks_large": QT_TRANSLATE_NOOP("messages", "%1 unpacks to more than %2 MB"),
    "dataset.not_idx": QT_TRANSLATE_NOOP("messages", "%1 is not an IDX file (wrong magic number)"),
    "dataset.idx_header": QT_TRANSLATE_NOOP("messages", "%1 ends inside its header"),
    "dataset.idx_size": QT_TRANSLATE_NOOP("messages", "%1 holds %2 bytes of values; its header %3 says %4"),
    "dataset.idx_missing": QT_TRANSLATE_NOOP("messages", "%1 has no %2 (nor %2.gz); it needs the four MNIST IDX "
                                                         "files, or point data.path at Keras' mnist.npz"),
    "dataset.mnist_missing": QT_TRANSLATE_NOOP("messages", "%1 does not exist: point it at a folder with the four "
                                                           "MNIST IDX files or at Keras' mnist.npz "
                                                           "(~/.keras/datasets/mnist.npz); gdsim never downloads"),
    "dataset.npz_keys": QT_TRANSLATE_NOOP("messages", "%1 lacks %2 (Keras' mnist.npz holds x_train, y_train, "
                                                      "x_test, y_test)"),
    "dataset.npz_unreadable": QT_TRANSLATE_NOOP("messages", "cannot read %1 as an .npz file: %2"),
    "dataset.mnist_shape": QT_TRANSLATE_NOOP("messages", "%1 must be (n, height, width) images with one label each "
                                                         "in %2; found %3 and %4"),
    "dataset.mnist_labels": QT_TRANSLATE_NOOP("messages", "%1 must hold digits 0 to 9"),
    "dataset.mnist_sizes": QT_TRANSLATE_NOOP("messages", "the training and test images differ in size"),
    "dataset.csv_numbers": QT_TRANSLATE_NOOP("messages", "%1, line %2: not a list of numbers"),
    "dataset.csv_ragged": QT_TRANSLATE_NOOP("messages", "%1, line %2: %3 columns where line 1 of the data has %4"),
    "dataset.csv_finite": QT_TRANSLATE_NOOP("messages", "%1, line %2: a value is not finite"),
    "dataset.csv_small": QT_TRANSLATE_NOOP("messages", "%1 needs at least two samples of at least two columns "
                                                       "(features, then the target)"),
    "dataset.csv_classes": QT_TRANSLATE_NOOP("messages", "%1: with cross_entropy the last column must hold class "
                                                         "numbers 0, 1, 2, ..."),
    "samples.empty": QT_TRANSLATE_NOOP("messages", "the data set is empty: give at least one sample"),
    "samples.too_many": QT_TRANSLATE_NOOP("messages", "%1 samples are more than the %2 allowed"),
    "samples.no_feature": QT_TRANSLATE_NOOP("messages", "a row needs at least one feature"),
    "samples.row": QT_TRANSLATE_NOOP("messages", "must be a row (a list of %1 numbers) like x[0], not %2"),
    "samples.row_length": QT_TRANSLATE_NOOP("messages", "has %1 values but x[0] has %2: every row needs the same "
                                                        "number of features"),
    "samples.y_length": QT_TRANSLATE_NOOP("messages", "has %1 values but x has %2 samples: give one y per sample"),
    "samples.label": QT_TRANSLATE_NOOP("messages", "must be a class label, 0 or 1, not %1"),
    "formula.not_text": QT_TRANSLATE_NOOP("messages", "must be a formula in x (and y) as text, such as "
                                                      "\"x^2 + 3*sin(y)\""),
    "domain.ranges.1": QT_TRANSLATE_NOOP("messages", "must list 1 range [low, high] for x"),
    "domain.ranges.2": QT_TRANSLATE_NOOP("messages", "must list 2 ranges [low, high], for x and for y"),
    "slice.few_evaluations": QT_TRANSLATE_NOOP("messages", "principal directions need the weights of at least "
                                                           "three evaluations: train longer, evaluate more often, "
                                                           "or use random directions"),
    "slice.no_network": QT_TRANSLATE_NOOP("messages", "only a network's loss can be sliced"),
    "network.no_start": QT_TRANSLATE_NOOP("messages", "a network has no start to drag: it starts from its initial "
                                                      "weights"),
    "run.missing": QT_TRANSLATE_NOOP("messages", "there is no run %1"),
    "optimizer.fused": QT_TRANSLATE_NOOP("messages", "must be %1 for %2: it updates each weight inside backward, "
                                                     "before gdsim could add noise or clip (it has its own "
                                                     "clip_grad_norm)"),
    "optimizer.matrices_only": QT_TRANSLATE_NOOP("messages", "%1 updates 2D (matrix) parameters only, and this "
                                                             "network has others (biases): race it on a landscape, "
                                                             "where each ball is a 1×D matrix"),
    "view.twice": QT_TRANSLATE_NOOP("messages", "names a view twice"),
    "sweep.no_dask": QT_TRANSLATE_NOOP("messages", "running on a Dask cluster needs dask.distributed: pip install "
                                                   "\"gdsim[distributed]\""),
    "sweep.scheduler": QT_TRANSLATE_NOOP("messages", "cannot reach the Dask scheduler at %1: %2"),
    "sweep.rates": QT_TRANSLATE_NOOP("messages", "lists %1 rates, more than the %2 allowed"),
    "sweep.rate_twice": QT_TRANSLATE_NOOP("messages", "lists a rate twice"),
    "sweep.seeds": QT_TRANSLATE_NOOP("messages", "lists %1 seeds, more than the %2 allowed"),
    "sweep.seed_twice": QT_TRANSLATE_NOOP("messages", "lists a seed twice"),
    "sweep.lr_given": QT_TRANSLATE_NOOP("messages", "the sweep sets the learning rate (its \"lr\" key); leave it "
                                                    "out here"),
    "sweep.label_twice": QT_TRANSLATE_NOOP("messages", "%1 names two entries; give each its own label"),
    "sweep.threshold": QT_TRANSLATE_NOOP("messages", "ranking by steps_to_threshold needs a \"threshold\""),
}

#: The codes of a rendering's output path whose one value is ``path``.
RENDER_PATHS = ("render.output_is_input", "render.unwritable", "render.not_folder",
                "render.folder_not_empty", "render.not_file")

#: Why a network run keeps a setting (the ``why`` of ``network.fixed``, as gdsim/engine/run_checks.py
#: writes it).
NETWORK_FIXED: dict[str, str] = {
    "a network starts from the scenario's initial weights":
        QT_TRANSLATE_NOOP("messages", "a network starts from the scenario's initial weights"),
    "a network updates every weight at once": QT_TRANSLATE_NOOP("messages", "a network updates every weight at once"),
    "a network records every update's loss and no path":
        QT_TRANSLATE_NOOP("messages", "a network records every update's loss and no path"),
    "a network runs its steps": QT_TRANSLATE_NOOP("messages", "a network runs its steps"),
}

#: What a file that is not a regular file is (the ``what`` of ``file.not_regular``, as
#: :mod:`gdsim.session.jsonio` writes it).
FILE_KINDS: dict[str, str] = {
    "a folder": QT_TRANSLATE_NOOP("messages", "a folder"),
    "a named pipe": QT_TRANSLATE_NOOP("messages", "a named pipe"),
    "a socket": QT_TRANSLATE_NOOP("messages", "a socket"),
    "a device": QT_TRANSLATE_NOOP("messages", "a device"),
    "a symbolic link": QT_TRANSLATE_NOOP("messages", "a symbolic link"),
    "a dangling link": QT_TRANSLATE_NOOP("messages", "a link to nothing"),
    "not a regular file": QT_TRANSLATE_NOOP("messages", "something else"),
}
#: Why a file cannot be written (the ``reason`` of ``file.unwritable`` that gdsim writes itself; a
#: system's reason stays as the system said it).
WRITE_REASONS: dict[str, str] = {
    "no file name": QT_TRANSLATE_NOOP("messages", "no file name is given"),
    "no such folder": QT_TRANSLATE_NOOP("messages", "its folder does not exist"),
    "read-only folder": QT_TRANSLATE_NOOP("messages", "its folder is not writable"),
    "name too long": QT_TRANSLATE_NOOP("messages", "the file name is too long"),
    "the file name is too long": QT_TRANSLATE_NOOP("messages", "the file name is too long"),
}

#: Stop reasons as the engine writes them, %1, %2 standing for numbers.
REASONS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("messages", "loss below %1 or gradient norm below %2"),
    QT_TRANSLATE_NOOP("messages", "loss below %1"),
    QT_TRANSLATE_NOOP("messages", "gradient norm below %1"),
    QT_TRANSLATE_NOOP("messages", "step length below %1"),
    QT_TRANSLATE_NOOP("messages", "the gradient is undefined where the ball stood (the formula is not defined "
                                  "there)"),
    QT_TRANSLATE_NOOP("messages", "the parameters became infinite or undefined (NaN)"),
    QT_TRANSLATE_NOOP("messages", "the loss became infinite"),
    QT_TRANSLATE_NOOP("messages", "a parameter grew beyond %1 in magnitude"),
    QT_TRANSLATE_NOOP("messages", "the batch loss became %1 at update %2"),
    QT_TRANSLATE_NOOP("messages", "the training loss became %1 at update %2"),
    QT_TRANSLATE_NOOP("messages", "all %1 steps taken"),
    QT_TRANSLATE_NOOP("messages", "stopped by a command"),
)

#: The words of a ball's status on screen.
STATUS_WORDS: dict[Status, str] = {
    Status.RUNNING: QT_TRANSLATE_NOOP("messages", "running"),
    Status.CONVERGED: QT_TRANSLATE_NOOP("messages", "converged"),
    Status.DIVERGED: QT_TRANSLATE_NOOP("messages", "diverged"),
    Status.MAX_STEPS: QT_TRANSLATE_NOOP("messages", "max steps"),
    Status.STOPPED: QT_TRANSLATE_NOOP("messages", "stopped"),
}


def translated(text: str) -> str:
    """``text`` (an entry of this module's tables) in the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def fill(template: str, *values: Any) -> str:
    """``template`` with ``%1``, ``%2``, ... replaced by ``values`` (in one pass, so a value holding
    ``%2`` is left alone)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]) if int(m.group(1)) <= len(values)
                  else m.group(0), template)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _listed(values: Iterable[Any]) -> str:
    return ", ".join(str(value) for value in values)


def _looked_up(table: Mapping[str, str], text: str) -> str:
    """``text`` in the current language if ``table`` knows it, else as it is."""
    return translated(table[text]) if text in table else text


def _whole(p: Mapping[str, Any]) -> tuple[str, tuple[Any, ...]]:
    low, high, value = p.get("low"), p.get("high"), p.get("value")
    if low is not None and high is not None:
        return "whole.between", (low, high, value)
    if low is not None:
        return "whole.at_least", (low, value)
    if high is not None:
        return "whole.at_most", (high, value)
    return "whole.any", (value,)


def _template_and_values(code: str, p: Mapping[str, Any]) -> tuple[str, tuple[Any, ...]] | None:
    """The template key and its values for an error's ``code`` and ``params`` (None: no template)."""
    value = p.get("value")
    if code in ("number.too_small", "number.too_large") and "high" in p and "low" in p:  # a whole number
        return _whole({**p, "value": _number(value)})
    if code == "type.whole":
        return _whole(p)
    if code == "number.too_small":
        return code + (".open" if p.get("open") else ""), (_number(p.get("low")), _number(value))
    if code == "number.too_large":
        return code + (".open" if p.get("open") else ""), (_number(p.get("high")), _number(value))
    if code == "type.number":
        return code + (".optional" if p.get("optional") else ""), (value,)
    if code == "formula.unknown_name":
        if p.get("close"):
            return "formula.unknown_name.close", (p["text"], p["column"], p["close"])
        return code, (p["text"], p["column"], _listed(p.get("functions", ())))
    ordered = {
        "type.pair": lambda: (p["length"], str(p["example"])),
        "type.colour": lambda: (p["example"], value),
        "choice.unknown": lambda: (_listed(p["choices"]), value),
        "key.unknown": lambda: (p["key"], _listed(p["allowed"])),
        "key.missing": lambda: (p["key"],),
        "range.empty": lambda: (_number(p["low"]), _number(p["high"])),
        "start.point": lambda: (p["dim"], _listed(p["names"])),
        "start.grid": lambda: (p["dim"],),
        "start.too_many": lambda: (p["count"], p["max"]),
        "batch.too_large": lambda: (p["value"], p["samples"]),
        "format.other": lambda: (p["expected"],),
        "args.one_pair": lambda: (p["count"],),
        "version.newer": lambda: (p["version"], p["current"]),
        "view.unfit": lambda: (p["view"],),
        "file.unreadable": lambda: (p["path"], p["reason"]),
        "file.too_large": lambda: (p["path"], _number(p["mib"])),
        "file.json": lambda: (p["line"], p["column"]),
        "file.unwritable": lambda: (p["path"], _looked_up(WRITE_REASONS, p["reason"])),
        "file.constant": lambda: (p["token"],),
        "record.lengths": lambda: (_listed(f"{key} {n}" for key, n in sorted(p["lengths"].items())),),
        "events.order": lambda: (p["step"], p["previous"]),
        "events.after_end": lambda: (p["step"], p["ticks"]),
        "events.no_run": lambda: (p["run"], _listed(p["runs"]) or "-"),
        "problem.overflow": lambda: (p["reason"],),
        "pace.number": lambda: (value,),
        "pace.length": lambda: (p["times"], p["ticks"]),
        "csv.narrow": lambda: (p["file"], p["row"], p["columns"]),
        "csv.too_long": lambda: (p["file"], p["rows"], p["limit"]),
        "csv.ragged": lambda: (p["file"], p["row"], p["columns"], p["expected"]),
        "csv.not_number": lambda: (p["file"], p["row"], p["column"], p["cell"]),
        "csv.not_label": lambda: (p["file"], p["row"], p["column"], p["cell"]),
        "formula.operator_between": lambda: (p["before"], p["text"], p["column"]),
        "formula.variables": lambda: (p["count"], p["text"], p["column"]),
        "data.column_constant": lambda: (p["column"],),
        "data.one_class": lambda: (p["label"],),
        "model.mlp_only": lambda: (p["key"], p["model"]),
        "model.cnn_images": lambda: (p["data"],),
        "model.hidden_text": lambda: (p["value"],),
        "loss.regression_data": lambda: (p["data"],),
        "loss.class_data": lambda: (p["data"],),
        "network.fixed": lambda: (p["fixed"], _looked_up(NETWORK_FIXED, p["why"])),
        "optimizer.class_name": lambda: (p["value"],),
        "optimizer.unknown_class": lambda: (p["module"], repr(p["value"].rpartition(".")[2])),
        "optimizer.refused": lambda: (p["optimizer"], p["reason"]),
        "optimizer.unsupported": lambda: (p["value"], p["reason"]),
        "command.unknown": lambda: (p["command"],),
        "option.not_settable": lambda: (repr(p["name"]),),
        "number.range": lambda: (_number(p["high"]), repr(p["value"])),
        "render.output_kind": lambda: (repr(p["output"]),),
        "render.size": lambda: (repr(p["size"]),),
        "render.size_range": lambda: (p["size"], p["smallest"], p["largest"]),
        "render.view_unknown": lambda: (repr(p["view"]), p["known"]),
        "render.view_unfit": lambda: (p["view"], p["fits"]),
        "render.no_folder": lambda: (p["path"], p["name"]),
        "render.no_gl": lambda: (p["reason"],),
        "render.step_range": lambda: (p["end"], p["step"]),
        "dataset.too_large": lambda: (p["path"], p["mb"]),
        "dataset.unpacks_large": lambda: (p["path"], p["mb"]),
        "dataset.idx_size": lambda: (p["path"], p["found"], p["shape"], p["expected"]),
        "dataset.idx_missing": lambda: (p["path"], p["file"]),
        "dataset.npz_keys": lambda: (p["path"], p["missing"]),
        "dataset.npz_unreadable": lambda: (p["path"], p["reason"]),
        "dataset.mnist_shape": lambda: (p["x"], p["y"], p["x_shape"], p["y_shape"]),
        "dataset.mnist_labels": lambda: (p["y"],),
        "dataset.csv_numbers": lambda: (p["path"], p["line"]),
        "dataset.csv_ragged": lambda: (p["path"], p["line"], p["columns"], p["expected"]),
        "dataset.csv_finite": lambda: (p["path"], p["line"]),
        "samples.too_many": lambda: (p["count"], p["max"]),
        "samples.row": lambda: (p["width"], p["value"]),
        "samples.row_length": lambda: (p["count"], p["width"]),
        "samples.y_length": lambda: (p["count"], p["samples"]),
        "samples.label": lambda: (p["value"],),
        "run.missing": lambda: (p["run"],),
        "optimizer.fused": lambda: (p["fixed"], p["optimizer"]),
        "optimizer.matrices_only": lambda: (p["optimizer"],),
        "sweep.scheduler": lambda: (p["scheduler"], p["reason"]),
        "sweep.rates": lambda: (p["count"], p["max"]),
        "sweep.seeds": lambda: (p["count"], p["max"]),
        "sweep.label_twice": lambda: (p["label"],),
    }
    if code in ordered:
        return code, ordered[code]()
    if code == "file.not_regular":
        return code + (".writing" if p.get("writing") else ""), (p["path"], _looked_up(FILE_KINDS, p["what"]))
    if code == "domain.ranges":
        return f"{code}.{p['count']}", ()
    if code in ("dataset.not_idx", "dataset.idx_header", "dataset.mnist_missing", "dataset.csv_small",
                "dataset.csv_classes"):
        return code, (p["path"],)
    if code == "number.beyond_float":
        return (code + ".digits", (p["digits"],)) if "digits" in p else (code, (value,))
    if code.startswith("limit."):
        return code, (f"{value:,}", f"{p['max']:,}")
    if code in ("type.bool", "type.text", "type.object", "type.list", "type.null", "number.not_finite",
                "text.surrogate"):
        return code, (value,)
    if code in ("file.missing", "file.folder", "file.not_text") or code in RENDER_PATHS:
        return code, (p["path"],)
    if code == "csv.empty":
        return code, (p["file"],)
    if code.startswith("formula."):
        return code, tuple(p[key] for key in ("text", "column") if key in p)
    if code in ERROR_TEMPLATES:
        return code, ()
    return None


def input_error_text(error: InputError) -> str:
    """The sentence of ``error`` (its path left out) in the current language; its English sentence
    when its code has no template or its params do not fit one."""
    try:
        found = _template_and_values(error.code, error.params)
    except (KeyError, TypeError, IndexError):
        found = None
    if found is None:
        return error.message
    key, values = found
    return fill(translated(ERROR_TEMPLATES[key]), *values)


def error_text(error: Exception) -> str:
    """What a person reads for ``error``: an InputError's sentence translated, else the error's text."""
    return input_error_text(error) if isinstance(error, InputError) else str(error)


def located_text(error: Exception) -> str:
    """:func:`error_text` led by the error's key path, if it has one (``runs[0].hyper.lr: ...``)."""
    path = getattr(error, "path", "") if isinstance(error, InputError) else ""
    return f"{path}: {error_text(error)}" if path else error_text(error)


def template_pattern(template: str) -> re.Pattern[str]:
    """A regular expression matching the sentences ``template`` makes, one group per ``%n``."""
    parts = re.split(r"%\d", template)
    return re.compile("(.+?)".join(re.escape(part) for part in parts) + "$")


_REASON_PATTERNS = tuple((template_pattern(template), template) for template in REASONS)


def reason_text(reason: str | None) -> str:
    """A run's stop reason in the current language (an unknown sentence as it is)."""
    if not reason:
        return ""
    for pattern, template in _REASON_PATTERNS:
        match = pattern.match(reason)
        if match:
            return fill(translated(template), *match.groups())
    return reason


def status_text(status: Status) -> str:
    """A ball's status as a word (``max steps``) in the current language."""
    return translated(STATUS_WORDS[status])
