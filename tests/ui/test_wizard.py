"""First run: the wizard saves the school and its principal, or nothing at all."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from app.accounts.service import authenticate
from app.school.service import get_profile
from tests.ui.conftest import wait_idle
from ui.wizard.first_run import FirstRunWizard


def fill(wizard: FirstRunWizard, *, school_name: str) -> None:
    s = wizard.school
    s.name.setText(school_name)
    s.code.setText("220105-0099")
    s.kind.setCurrentIndex(s.kind.findData("primary"))
    s.boarding.setChecked(True)
    s.district.setText("长春市二道区")
    p = wizard.principal
    p.display_name.setText("王校长")
    p.username.setText("wangxz")
    p.secret.kind.setCurrentIndex(p.secret.kind.findData("pin"))
    p.secret.secret.setText("275139")
    p.secret.confirm.setText("275139")


def test_school_page_refuses_an_empty_name_in_chinese(qtbot, empty_workspace):
    wizard = FirstRunWizard(empty_workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()  # welcome -> school
    assert wizard.currentPage() is wizard.school
    wizard.next()  # refused: no name
    assert wizard.currentPage() is wizard.school
    assert wizard.school.message.isVisible()
    assert wizard.school.message.text() == "请输入学校名称。"
    assert empty_workspace.school_id is None


def test_finishing_with_an_empty_name_goes_back_to_the_school_page_and_saves_nothing(
    qtbot, empty_workspace
):
    wizard = FirstRunWizard(empty_workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(wizard, school_name="   ")
    wizard.accept()  # Finish pressed without walking the pages
    wait_idle(qtbot)
    assert wizard.currentPage() is wizard.school
    assert wizard.school.message.text() == "请输入学校名称。"
    assert wizard.isVisible() and wizard.actor is None and not wizard.saving
    assert empty_workspace.school_id is None
    assert get_profile(empty_workspace) is None


def test_a_mismatched_confirmation_is_refused_before_anything_is_saved(qtbot, empty_workspace):
    """Regression: the first Finish used to save the unconfirmed entry and lock the principal out."""
    wizard = FirstRunWizard(empty_workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(wizard, school_name="红旗小学")
    wizard.principal.secret.secret.setText("275193")  # mistyped; confirmation says 275139
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.principal
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait_idle(qtbot)
    assert wizard.principal.message.text() == "两次输入不一致，请重新输入。"
    assert wizard.isVisible() and wizard.actor is None
    assert get_profile(empty_workspace) is None and empty_workspace.school_id is None

    wizard.principal.secret.secret.setText("275139")  # now both say the same
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert authenticate(empty_workspace, "wangxz", "275139").role == "principal"


def test_cancel_saves_nothing(qtbot, empty_workspace):
    wizard = FirstRunWizard(empty_workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(wizard, school_name="红旗小学")
    wizard.next()
    wizard.next()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    wait_idle(qtbot)
    assert not wizard.isVisible() and wizard.actor is None
    assert get_profile(empty_workspace) is None


def test_finishing_creates_the_school_and_its_principal(qtbot, empty_workspace):
    wizard = FirstRunWizard(empty_workspace)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(wizard, school_name="红旗小学")
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        wizard.next()
        wizard.next()
        assert wizard.currentPage() is wizard.principal
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.actor is not None and wizard.actor.role == "principal"
    profile = get_profile(empty_workspace)
    assert profile.name == "红旗小学" and profile.boarding and not profile.has_school_bus
    assert authenticate(empty_workspace, "wangxz", "275139").name == "王校长"
