"""Socket.IO packets read within the bounds of every input (services/base/bounds.py).

python-socketio decodes a packet's JSON before any handler runs: a payload too deep for
the parser, with `1e400`, `NaN` or a lone surrogate would fail there, and the client would
never hear back. `BoundedPacket` decodes it within the bounds instead; a payload outside
them becomes the event `REFUSED` with the error's code, which `register_handlers`
acknowledges like any other refusal — the packet's ack id is read before its JSON.
"""
import json

from socketio import packet

from workshops.services.base import bounds
from workshops.services.base.errors import ServiceError

REFUSED = "ensemble:refused"


class BoundedJSON:
    """The JSON module of Socket.IO packets: `dumps` as usual, `loads` within bounds."""

    @staticmethod
    def dumps(*args, **kwargs):
        return json.dumps(*args, **kwargs)

    @staticmethod
    def loads(data, **_kwargs):
        try:
            return bounds.loads(data)
        except bounds.TooDeep:
            return [REFUSED, bounds.TooDeep.code]
        except ServiceError as error:
            return [REFUSED, error.code]
        except ValueError:
            return [REFUSED, "invalid_json"]


class BoundedPacket(packet.Packet):
    """No binary attachments: every payload of Ensemble is JSON. python-socketio otherwise
    walks each payload looking for bytes before sending it — for a phone's snapshot, every
    value of it at each join (docs/performance.md)."""

    json = BoundedJSON
    uses_binary_events = False
