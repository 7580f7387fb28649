"""work_updates on hand-built works: retraction by title, merged notices, notices of themselves."""

from __future__ import annotations

from claimcheck.model import Update, Work
from claimcheck.verify.updates import Notice, WorkUpdates, work_updates


def test_a_title_that_says_retracted_is_a_retraction_noted_as_such():
    got = work_updates(Work("10.1/w", title="RETRACTED: Ketamine cures everything"))
    assert got == WorkUpdates(
        "retracted", (Notice("retraction", None, None, ("title",), "RETRACTED in the registered title"),)
    )
    # with a registered retraction notice, the title adds nothing
    notice = Update("retraction", "10.1/r", "2020-01-02", "publisher", "Retraction")
    got = work_updates(Work("10.1/w", title="RETRACTED: Ketamine cures everything", updated_by=(notice,)))
    assert got.notices == (Notice("retraction", "10.1/r", "2020-01-02", ("publisher",), "Retraction"),)


def test_notices_from_several_sources_are_merged_earliest_date_first_label_kept():
    updates = (
        Update("retraction", "10.1/r", "2020-03-01", None, None),
        Update("retraction", "10.1/r", "2020-01-01", "retraction-watch", "Retraction"),
        Update("retraction", "10.1/r", None, None, "Another label"),
        Update("correction", "10.1/c", None, "publisher", "Erratum"),
    )
    got = work_updates(Work("10.1/w", title="A paper", updated_by=updates))
    assert got.status == "retracted"
    assert got.notices == (
        Notice("retraction", "10.1/r", "2020-01-01", ("registry", "retraction-watch"), "Retraction"),
        Notice("correction", "10.1/c", None, ("publisher",), "Erratum"),
    )
    assert got.notices[0].as_dict() == {
        "type": "retraction",
        "doi": "10.1/r",
        "date": "2020-01-01",
        "sources": ["registry", "retraction-watch"],
    }
    assert got.of_status("corrected") == (got.notices[1],)


def test_a_notice_that_lists_itself_among_its_updates_is_still_a_notice():
    # a retraction notice points at the retracted paper; its own DOI among "updated by" is noise
    work = Work(
        "10.1/notice",
        title="Notice about a paper",
        update_to=(Update("retraction", "10.1/paper", "2021-05-05", "publisher", "Retraction"),),
        updated_by=(Update("retraction", "10.1/notice"),),
    )
    got = work_updates(work)
    assert got.is_notice and got.status == "none"
    assert got.notice_of == (Notice("retraction", "10.1/paper", "2021-05-05", ("publisher",), "Retraction"),)
