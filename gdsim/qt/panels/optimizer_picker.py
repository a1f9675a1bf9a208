"""The optimizer picker: a combo box whose popup is a searchable tree of every optimizer a run can take,
grouped gdsim / torch.optim / pytorch-optimizer, each with its layout, what its step needs, and its
docstring's first paragraph as help.

Every optimizer is there at once: torch.optim's and pytorch_optimizer's classes come from the
committed table (:mod:`gdsim.engine.optimizer_catalog_table`), which imports no torch. Building a
picked class's hyperparameter editors needs its declaration (its signature), so torch is imported
then, in a worker (:meth:`CatalogLoader.request`), while the editor says "Loading torch…". When the
installed torch or pytorch-optimizer is not the table's version, the classes are listed live by
:func:`gdsim.engine.optimizer_catalog.torch_catalog` in that worker the first time a picker opens
and the tree says "Loading…" meanwhile. One :class:`CatalogLoader` per application keeps the list
for every picker.

Keyboard: typing filters (every word must match the name, the layout or the needs), Up and Down move,
Enter picks, Escape closes.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QGuiApplication, QKeyEvent, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gdsim.core.errors import InputError
from gdsim.core.optimizers.class_names import MODULES
from gdsim.engine.optimizer_catalog import CatalogEntry, gdsim_entries, torch_catalog
from gdsim.engine.optimizer_catalog_table import committed_catalog
from gdsim.qt.declarations import optimizer_rule, optimizer_title
from gdsim.qt.messages import error_text, fill
from gdsim.qt.workers import run_in_worker

#: Item data: the optimizer's name (as a scenario writes it) and the text the search looks in.
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
#: The tree's columns.
NAME_COLUMN, LAYOUT_COLUMN, NEEDS_COLUMN = 0, 1, 2
#: The popup's least width and its height, in widths and heights of the font's "M".
POPUP_EMS = (56, 30)


class CatalogLoader(QObject):
    """Keeps the torch optimizer classes once per application: listed at once from the committed table,
    their declarations (for the editors) loaded in a worker on the first request.

    When the installed torch or pytorch-optimizer version is not the table's, ``groups`` is None
    until the worker has listed the classes live (:func:`torch_catalog`).

    Signals
    -------
    loaded()
        The worker is done: the classes are declared (``declared``) and listed, or a group could not
        be (its InputError is in ``failures``, and in ``groups`` when the table did not list it).
    """

    loaded = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: module -> its entries (or the InputError saying why it cannot be listed); None until listed.
        self.groups: dict[str, list[CatalogEntry] | InputError] | None = committed_catalog()
        #: module -> why its classes could not be declared (the worker's failure).
        self.failures: dict[str, InputError] = {}
        self.loading = False
        self.declared = False
        self._entries: dict[str, CatalogEntry] = {entry.name: entry for entry in gdsim_entries()}
        for entries in (self.groups or {}).values():
            self._entries.update((entry.name, entry) for entry in entries)

    def request(self) -> None:
        """Start importing torch and declaring the classes in a worker (once; nothing when they are
        declared or being declared)."""
        if not self.declared and not self.loading:
            self.loading = True
            self._worker = run_in_worker(torch_catalog, returned=self._listed, errored=self._failed)

    def entry(self, name: str) -> CatalogEntry | None:
        """The entry of optimizer ``name`` (None for a class not listed yet, or unknown); a class's
        ``declaration`` is None until :meth:`request` has declared it."""
        return self._entries.get(name)

    def _listed(self, groups: dict[str, list[CatalogEntry] | InputError]) -> None:
        listed = dict(self.groups or {})
        for module, entries in groups.items():
            if isinstance(entries, InputError):
                self.failures[module] = entries
                listed.setdefault(module, entries)  # the table's list stays; the editor says why
            else:
                listed[module] = entries
                self._entries.update((entry.name, entry) for entry in entries)
        self.groups, self.loading, self.declared = listed, False, True
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        failure = error if isinstance(error, InputError) else InputError("", str(error), "text")
        self._listed({module: failure for module in MODULES})


def catalog_loader() -> CatalogLoader:
    """The application's loader (made on first use, a child of the application)."""
    app = QCoreApplication.instance()
    loader = app.findChild(CatalogLoader, "optimizer_catalog")
    if loader is None:
        loader = CatalogLoader(app)
        loader.setObjectName("optimizer_catalog")
    return loader


# --- words ---------------------------------------------------------------------------------------


#: The layout column's words, by layout (None: a class the table does not list).
LAYOUT_WORDS = {"numpy": QT_TRANSLATE_NOOP("OptimizerPicker", "one array"),
                "swarm": QT_TRANSLATE_NOOP("OptimizerPicker", "one tensor"),
                "tensor": QT_TRANSLATE_NOOP("OptimizerPicker", "one tensor per ball"),
                "ball": QT_TRANSLATE_NOOP("OptimizerPicker", "one optimizer per ball"),
                None: QT_TRANSLATE_NOOP("OptimizerPicker", "probed on first use")}
#: What each layout means for a run, in the help.
LAYOUT_SENTENCES = {
    "numpy": QT_TRANSLATE_NOOP("OptimizerPicker", "gdsim's NumPy optimizer: every ball in one array, with "
                               "torch.optim's exact rule."),
    "swarm": QT_TRANSLATE_NOOP("OptimizerPicker", "Every ball in one tensor: it acts element by element, so a "
                               "whole swarm steps at once."),
    "tensor": QT_TRANSLATE_NOOP("OptimizerPicker", "One tensor per ball: its statistics are per tensor."),
    "ball": QT_TRANSLATE_NOOP("OptimizerPicker", "One optimizer per ball: it couples all its parameters."),
    None: QT_TRANSLATE_NOOP("OptimizerPicker", "Its layout is probed when a run first uses it."),
}
#: The needs column's words and their sentences in the help (%1: the most balls).
NEEDS_WORDS = {"closure": QT_TRANSLATE_NOOP("OptimizerPicker", "closure"),
               "hessian": QT_TRANSLATE_NOOP("OptimizerPicker", "Hessian"),
               "cap": QT_TRANSLATE_NOOP("OptimizerPicker", "at most %1 balls"),
               "unsupported": QT_TRANSLATE_NOOP("OptimizerPicker", "cannot run")}
NEEDS_SENTENCES = {
    "closure": QT_TRANSLATE_NOOP("OptimizerPicker", "Its step recomputes the loss and gradient (a closure): more "
                                 "than one gradient evaluation a step."),
    "hessian": QT_TRANSLATE_NOOP("OptimizerPicker", "It needs Hessian-vector products (autograd through the "
                                 "landscape)."),
    "cap": QT_TRANSLATE_NOOP("OptimizerPicker", "A run of it has at most %1 balls (its layout steps them one "
                             "by one)."),
    "unsupported": QT_TRANSLATE_NOOP("OptimizerPicker", "gdsim cannot run it: it %1."),
}


def _words(table: dict, key) -> str:
    return QCoreApplication.translate("OptimizerPicker", table[key])


def _needs(entry: CatalogEntry) -> list[str]:
    """The keys of what ``entry``'s step needs (see :data:`NEEDS_WORDS`)."""
    if entry.unsupported:
        return ["unsupported"]
    flags = {"closure": entry.needs_closure, "hessian": entry.needs_hessian, "cap": entry.max_balls is not None}
    return [key for key, on in flags.items() if on]


def _filled(table: dict, key: str, entry: CatalogEntry) -> str:
    value = {"cap": f"{entry.max_balls:,}" if entry.max_balls else "", "unsupported": entry.unsupported}.get(key)
    return fill(_words(table, key), value) if value else _words(table, key)


def layout_text(entry: CatalogEntry) -> str:
    """The layout column: how a run's balls are held ("" for a class gdsim cannot run)."""
    return "" if entry.unsupported else _words(LAYOUT_WORDS, entry.layout)


def needs_text(entry: CatalogEntry) -> str:
    """The needs column: closure, Hessian, capped swarm (or that gdsim cannot run it)."""
    return ", ".join(_filled(NEEDS_WORDS, key, entry) for key in _needs(entry))


def layout_sentence(entry: CatalogEntry) -> str:
    """What the layout and the needs mean for a run, in a sentence or three."""
    parts = [] if entry.unsupported else [_words(LAYOUT_SENTENCES, entry.layout)]
    return " ".join(parts + [_filled(NEEDS_SENTENCES, key, entry) for key in _needs(entry)])


def entry_title(entry: CatalogEntry) -> str:
    """The name shown in the tree (gdsim's titles in the current language; class names as they are)."""
    return optimizer_title(entry.declaration) if entry.group == "gdsim" else entry.title


def entry_help(entry: CatalogEntry) -> str:
    """The help: gdsim's update rule in the current language, a class's docstring's first paragraph."""
    return optimizer_rule(entry.declaration) if entry.group == "gdsim" else entry.help


#: The groups' titles (the modules keep their own names).
GROUP_TITLES = {"gdsim": QT_TRANSLATE_NOOP("OptimizerPicker", "gdsim (NumPy)"), "torch.optim": "torch.optim",
                "pytorch_optimizer": "pytorch-optimizer"}


def group_title(group: str, count: int | None) -> str:
    """A group's row: its name and how many optimizers of it a run can take."""
    name = _words(GROUP_TITLES, group) if group == "gdsim" else GROUP_TITLES[group]
    return name if count is None else f"{name} ({count})"


# --- the tree --------------------------------------------------------------------------------------


class CatalogFilter(QSortFilterProxyModel):
    """Keeps the optimizers whose name, layout or needs hold every word typed (and their groups)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 - Qt override
        index = self.sourceModel().index(row, NAME_COLUMN, parent)
        search = index.data(SEARCH_ROLE)
        if search is None:  # a group: shown when one of its optimizers is (recursive filtering)
            return not self._words and self.sourceModel().rowCount(index) == 0
        return all(word in search for word in self._words)


class PickerPopup(QFrame):
    """The popup: a search line, the tree, and the help of the optimizer under the cursor.

    Signals
    -------
    picked(str)
        The name of the optimizer chosen (Enter, a click or a double click on a runnable one).
    """

    picked = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("optimizer_popup")
        self.setAttribute(Qt.WidgetAttribute.WA_WindowPropagation)  # the window's font (presentation mode)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.search = QLineEdit(self)
        self.search.setObjectName("optimizer_search")
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, 3, self)
        self.proxy = CatalogFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(self)
        self.tree.setObjectName("optimizer_tree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the search line keeps the keyboard
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.help_title = QLabel(self)
        self.help_title.setObjectName("optimizer_help_title")
        self.help_title.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.help_title.font())
        bold.setBold(True)
        self.help_title.setFont(bold)
        self.help = QLabel(self)
        self.help.setObjectName("optimizer_help")
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setWordWrap(True)
        self.help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.help_layout = QLabel(self)
        self.help_layout.setObjectName("optimizer_help_layout")
        self.help_layout.setTextFormat(Qt.TextFormat.PlainText)
        self.help_layout.setWordWrap(True)
        self.help_layout.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        texts = QWidget(self)
        text_column = QVBoxLayout(texts)
        text_column.setContentsMargins(4, 2, 4, 2)
        text_column.addWidget(self.help_title)
        text_column.addWidget(self.help)
        text_column.addWidget(self.help_layout)
        text_column.addStretch(1)
        self.help_area = QScrollArea(self)
        self.help_area.setWidget(texts)
        self.help_area.setWidgetResizable(True)
        self.help_area.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 2)
        layout.addWidget(self.help_area, 1)
        self._entries: dict[str, CatalogEntry] = {}
        #: The lines saying a group is loading or cannot be listed (spanning the row).
        self._notes: list[QStandardItem] = []
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.tree.clicked.connect(self._clicked)
        self.tree.doubleClicked.connect(self._clicked)
        self.tree.selectionModel().currentChanged.connect(lambda current, _old: self._show_help(current))
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search: a name, a layout, closure, Hessian…"))
        self.search.setToolTip(self.tr("Type to filter (every word must match); ↑ ↓ to move, Enter to pick, "
                                   "Esc to close."))
        self.model.setHorizontalHeaderLabels([self.tr("Optimizer"), self.tr("Layout"), self.tr("Needs")])

    # --- contents ----------------------------------------------------------------------------

    def fill(self, loader: CatalogLoader, current: str) -> None:
        """The groups and their optimizers as ``loader`` has them; ``current`` is selected."""
        self.model.removeRows(0, self.model.rowCount())
        self._entries, self._notes = {}, []
        self._add_group("gdsim", [loader.entry(entry.name) for entry in gdsim_entries()])
        for module in MODULES:
            groups = loader.groups
            if groups is None:
                self._add_note(module, self.tr("Loading torch and pytorch-optimizer… (the first time takes a few "
                                           "seconds)"))
            elif isinstance(groups[module], InputError):
                self._add_note(module, error_text(groups[module]))
            else:
                self._add_group(module, groups[module])
        self._filter(self.search.text(), current)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The name column as wide as the longest name (at most two fifths of the popup), the layout
        column as its longest words."""
        metrics = self.fontMetrics()
        names = [entry_title(entry) for entry in self._entries.values()]
        widest = max(metrics.horizontalAdvance(name) for name in names) + 2 * self.tree.indentation()
        self.tree.setColumnWidth(NAME_COLUMN, min(widest, self.width() * 2 // 5))
        layouts = [layout_text(entry) for entry in self._entries.values()]
        self.tree.setColumnWidth(LAYOUT_COLUMN, max(metrics.horizontalAdvance(text) for text in layouts)
                                 + metrics.horizontalAdvance("MM"))

    def _add_group(self, group: str, entries: list[CatalogEntry]) -> None:
        runnable = sum(entry.supported for entry in entries)
        row = self._group_row(group, runnable)
        muted = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        for entry in entries:
            self._entries[entry.name] = entry
            title, layout, needs = entry_title(entry), layout_text(entry), needs_text(entry)
            items = [QStandardItem(title), QStandardItem(layout), QStandardItem(needs)]
            items[NAME_COLUMN].setData(entry.name, NAME_ROLE)
            search = " ".join((entry.name, title, layout, needs, layout_sentence(entry)))
            items[NAME_COLUMN].setData(search.casefold(), SEARCH_ROLE)
            tip = "\n\n".join(part for part in (entry.name, entry_help(entry), layout_sentence(entry)) if part)
            for item in items:
                item.setEditable(False)
                item.setToolTip(tip)
                if entry.unsupported:
                    item.setForeground(muted)
            row.appendRow(items)

    def _group_row(self, group: str, count: int | None) -> QStandardItem:
        row = QStandardItem(group_title(group, count))
        row.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(self.font())
        font.setBold(True)
        row.setFont(font)
        self.model.appendRow([row, _flat(""), _flat("")])
        self.tree.setFirstColumnSpanned(self.model.rowCount() - 1, QModelIndex(), True)
        return row

    def _add_note(self, group: str, text: str) -> None:
        """A group that cannot be listed (yet): its title and a line saying why."""
        row = self._group_row(group, None)
        note = _flat(text)
        italic = QFont(self.font())
        italic.setItalic(True)
        note.setFont(italic)
        note.setToolTip(text)
        row.appendRow([note, _flat(""), _flat("")])
        self._notes.append(note)

    # --- searching and moving ----------------------------------------------------------------

    def _filter(self, text: str, current: str | None = None) -> None:
        self.proxy.set_query(text)
        self.tree.expandAll()
        for row in range(self.proxy.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        for note in self._notes:
            shown = self.proxy.mapFromSource(note.index())
            if shown.isValid():
                self.tree.setFirstColumnSpanned(shown.row(), shown.parent(), True)
        self.tree.scrollToTop()
        self.select(current if current in self.visible_names() else self.best_match(text))

    def best_match(self, text: str) -> str | None:
        """The runnable optimizer shown whose name is the text typed, else the first whose name starts
        with it, else the first runnable one shown, else the first shown (its help says why it cannot run)."""
        query = text.strip().casefold()
        runnable = [name for name in self.visible_names() if self._entries[name].supported]
        titles = {name: entry_title(self._entries[name]).casefold() for name in runnable}
        for matches in (lambda title: title == query, lambda title: title.startswith(query)):
            found = next((name for name in runnable if matches(titles[name])), None)
            if found is not None:
                return found
        return next(iter(runnable or self.visible_names()), None)

    def visible_names(self) -> list[str]:
        """The optimizers the filter shows, in order."""
        names = []
        for group in range(self.proxy.rowCount()):
            parent = self.proxy.index(group, NAME_COLUMN)
            for row in range(self.proxy.rowCount(parent)):
                name = self.proxy.index(row, NAME_COLUMN, parent).data(NAME_ROLE)
                if name is not None:
                    names.append(name)
        return names

    def _index_of(self, name: str) -> QModelIndex:
        for group in range(self.proxy.rowCount()):
            parent = self.proxy.index(group, NAME_COLUMN)
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, NAME_COLUMN, parent)
                if index.data(NAME_ROLE) == name:
                    return index
        return QModelIndex()

    def select(self, name: str | None) -> None:
        """Put the cursor on optimizer ``name`` (nothing: no cursor) and show its help."""
        index = self._index_of(name) if name is not None else QModelIndex()
        self.tree.setCurrentIndex(index)
        if index.isValid():
            self.tree.scrollTo(index)
        self._show_help(index)

    def current_name(self) -> str | None:
        return self.tree.currentIndex().siblingAtColumn(NAME_COLUMN).data(NAME_ROLE)

    def _move(self, delta: int) -> None:
        names = self.visible_names()
        if not names:
            return
        current = self.current_name()
        position = names.index(current) + delta if current in names else (0 if delta > 0 else len(names) - 1)
        self.select(names[min(max(position, 0), len(names) - 1)])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = QKeyEvent(event).key() if not isinstance(event, QKeyEvent) else event.key()
            page = max(1, self.tree.viewport().height() // max(self.tree.sizeHintForRow(0), 1) - 1)
            moves = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: page, Qt.Key.Key_PageUp: -page}
            if key in moves:
                self._move(moves[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pick(self.current_name())
                return True
        return super().eventFilter(watched, event)

    def _clicked(self, index: QModelIndex) -> None:
        name = index.siblingAtColumn(NAME_COLUMN).data(NAME_ROLE)
        if name is not None:
            self.select(name)
            self._pick(name)

    def _pick(self, name: str | None) -> None:
        entry = self._entries.get(name) if name is not None else None
        if entry is not None and entry.supported:
            self.hide()
            self.picked.emit(name)

    def _show_help(self, index: QModelIndex) -> None:
        entry = self._entries.get(index.siblingAtColumn(NAME_COLUMN).data(NAME_ROLE)) if index.isValid() else None
        if entry is None:
            self.help_title.setText(self.tr("No optimizer matches") if self.search.text().strip() else "")
            self.help.setText("")
            self.help_layout.setText("")
            return
        self.help_title.setText(entry.name)
        self.help.setText(entry_help(entry))
        self.help_layout.setText(layout_sentence(entry))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def open_below(self, anchor: QWidget) -> None:
        """Show under ``anchor`` (above it when there is no room below), within the screen, the search
        line focused and emptied."""
        em = self.fontMetrics().horizontalAdvance("M"), self.fontMetrics().height()
        width, height = max(anchor.width(), POPUP_EMS[0] * em[0]), POPUP_EMS[1] * em[1]
        screen = (anchor.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        width, height = min(width, screen.width()), min(height, screen.height())
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        x = min(max(below.x(), screen.left()), screen.right() - width + 1)
        # over the anchor rather than cut short: the search line at its top takes the keyboard
        y = min(anchor.mapToGlobal(QPoint(0, 0)).y(), screen.bottom() + 1 - height)
        self.setGeometry(x, max(y, screen.top()), width, height)
        self._fit_columns()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.show()
        self.search.setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _flat(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return item


class OptimizerPicker(QComboBox):
    """A combo of the optimizers a run can take (``itemData``: the name a scenario writes) whose popup is
    the searchable :class:`PickerPopup`; picking one emits ``activated`` as a combo does.

    Classes are added as items once the catalog is loaded (and any class shown before, by
    :meth:`show_name`), gdsim's own at once.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader = catalog_loader()
        self.popup: PickerPopup | None = None
        for entry in gdsim_entries():
            self.addItem(optimizer_title(entry.declaration), entry.name)
        self.setMaxVisibleItems(20)
        self.loader.loaded.connect(self._listed)
        if self.loader.groups is not None:
            self._listed()

    def retranslate(self) -> None:
        """gdsim's titles in the current language (class names stay as they are)."""
        for index, entry in enumerate(gdsim_entries()):
            self.setItemText(index, optimizer_title(entry.declaration))
        self.setToolTip(self.tr("The optimizer: click, or press Space, to search every optimizer (gdsim's, "
                            "torch.optim's, pytorch-optimizer's) with its layout, needs and help."))
        if self.popup is not None:
            self.popup.retranslate()

    def show_name(self, name: str) -> None:
        """Show optimizer ``name`` as the current item (added if it is a class not listed yet)."""
        index = self.findData(name)
        if index < 0:
            self.addItem(name, name)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def _listed(self) -> None:
        for entries in (self.loader.groups or {}).values():
            if isinstance(entries, InputError):
                continue
            for entry in entries:
                if entry.supported and self.findData(entry.name) < 0:
                    self.addItem(entry.name, entry.name)
        if self.popup is not None and self.popup.isVisible():
            self.popup.fill(self.loader, self.popup.current_name() or self.currentData())

    def showPopup(self) -> None:  # noqa: N802 - Qt override
        """The searchable tree, not the plain list (listed at once from the committed table; live, in a
        worker, only when the installed packages are not the table's versions)."""
        if self.loader.groups is None:
            self.loader.request()
        if self.popup is None:
            self.popup = PickerPopup(self)
            self.popup.picked.connect(self.pick)
        self.popup.fill(self.loader, self.currentData())
        self.popup.open_below(self)

    def hidePopup(self) -> None:  # noqa: N802 - Qt override
        if self.popup is not None:
            self.popup.hide()
        super().hidePopup()

    def pick(self, name: str) -> None:
        """Choose optimizer ``name`` as a person does (``activated`` is emitted)."""
        self.show_name(name)
        self.activated.emit(self.currentIndex())
