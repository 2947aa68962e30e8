"""Records kept to the end of a run are moved out of the cyclic collector's sight, and
handed back when the block ends."""

from __future__ import annotations

import gc

from consistency.heap import SETTLE_EVERY, records_kept, settle


def test_settle_freezes_only_inside_a_block_and_the_block_hands_everything_back() -> None:
    gc.unfreeze()
    settle()
    assert gc.get_freeze_count() == 0  # outside a block: nothing happens
    kept = [[i] for i in range(1000)]
    with records_kept():
        settle(SETTLE_EVERY - 1)
        assert gc.get_freeze_count() == 0  # not yet: once in SETTLE_EVERY records
        settle(SETTLE_EVERY)
        assert gc.get_freeze_count() >= len(kept)
        with records_kept():  # nested blocks are one: the inner end hands nothing back
            settle()
        assert gc.get_freeze_count() >= len(kept)
    assert gc.get_freeze_count() == 0


def test_frozen_records_are_still_freed_when_let_go() -> None:
    import weakref

    class Record:
        pass

    with records_kept():
        record = Record()
        ref = weakref.ref(record)
        settle()
        del record
        assert ref() is None  # reference counting still frees it
