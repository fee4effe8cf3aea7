"""Every declared operation, in the order the docs list them."""
from workshops.operations import (Operation, activities, agenda, board, booklet, formats, groups,
                                  live, rooms)

OPERATIONS: tuple[Operation, ...] = (*rooms.OPERATIONS, *formats.OPERATIONS, *live.OPERATIONS,
                                     *board.OPERATIONS, *agenda.OPERATIONS,
                                     *activities.OPERATIONS, *groups.OPERATIONS,
                                     *booklet.OPERATIONS)

BY_NAME = {operation.name: operation for operation in OPERATIONS}
if len(BY_NAME) != len(OPERATIONS):
    raise ValueError("two operations share a name")
