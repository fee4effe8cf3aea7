"""Every declared operation, in the order the docs list them."""
from workshops.operations import Operation, board

OPERATIONS: tuple[Operation, ...] = (*board.OPERATIONS,)

BY_NAME = {operation.name: operation for operation in OPERATIONS}
if len(BY_NAME) != len(OPERATIONS):
    raise ValueError("two operations share a name")
