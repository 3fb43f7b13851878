"""The theme: a ticked check box shows a white tick (an SVG shipped in ``ui/resources``)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox

from ui import theme


def test_the_tick_is_package_data_addressed_by_an_absolute_path() -> None:
    assert (theme.RESOURCES / "check.svg").is_file()
    assert f'url("{(theme.RESOURCES / "check.svg").as_posix()}")' == theme.CHECK_MARK
    assert theme.RESOURCES.is_absolute()
    assert f"image: {theme.CHECK_MARK}" in theme.STYLESHEET


def test_a_ticked_box_shows_white_on_blue_and_an_unticked_one_does_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app)

    def grab(ticked: bool):  # type: ignore[no-untyped-def]
        box = QCheckBox("Charger")
        qtbot.addWidget(box)
        box.setChecked(ticked)
        box.show()
        qtbot.waitExposed(box)
        return box.grab().toImage()

    def blue_square(img) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
        return [(x, y) for x in range(img.width()) for y in range(img.height())
                if QColor(img.pixel(x, y)).name() == theme.INFO]

    assert not blue_square(grab(False))
    img = grab(True)
    blue = blue_square(img)
    assert len(blue) > 100  # a solid blue square...
    xs, ys = [x for x, _ in blue], [y for _, y in blue]
    inside = {QColor(img.pixel(x, y)).lightness() for x in range(min(xs) + 3, max(xs) - 2)
              for y in range(min(ys) + 3, max(ys) - 2)}
    assert max(inside) > 230  # ...with a white tick drawn on it
