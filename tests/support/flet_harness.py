"""Renderer-free harness: runs the app's real ``main(page)`` against a real flet Session with a recording client.

No Flutter, no browser. The session's connection records outgoing messages instead of sending them to a
client; events go through ``Session.dispatch_event``, the path a real tap takes. Client-side method calls
(push_route, SharedPreferences, …) are answered by fake handlers. This leans on flet internals, so it is
pinned to flet 1.0.5: a different version fails fast with a clear message instead of odd test failures.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import flet as ft
import msgpack
from flet.components.component import Component
from flet.controls.base_control import BaseControl
from flet.controls.context import _context_page
from flet.messaging.connection import Connection
from flet.messaging.protocol import (
    MessageAction,
    configure_encode_object_for_msgpack,
    decode_ext_from_msgpack,
)
from flet.messaging.session import Session
from flet.pubsub.pubsub_hub import PubSubHub
from flet.version import flet_version

from tests.support.waiting import DEFAULT_TIMEOUT_S, eventually

PINNED_FLET = "1.0.5"
if flet_version != PINNED_FLET:  # the harness uses Session/Connection internals of this exact release
    raise ImportError(f"tests/support/flet_harness.py is written for flet {PINNED_FLET}, found {flet_version}")


class FakeClientConnection(Connection):
    """A connection whose 'client' records every message and answers method calls from fakes."""

    def __init__(self, method_handlers: dict[str, Callable[[Any], Any]]) -> None:
        super().__init__()
        self.pubsubhub = PubSubHub()
        self.messages: list[tuple[MessageAction, Any]] = []
        self.method_handlers = method_handlers
        self.session: Session | None = None
        self.invocations: list[tuple[str, Any]] = []
        self.loop: asyncio.AbstractEventLoop | None = None

    @staticmethod
    def wire(obj: Any) -> Any:
        # Encode exactly like a real transport. Encoding is not side-effect free: it records the
        # snapshots that later diffs compare against, so every message must pass through here.
        packed = msgpack.packb(obj, default=configure_encode_object_for_msgpack(BaseControl))
        return msgpack.unpackb(packed, ext_hook=decode_ext_from_msgpack, strict_map_key=False)

    def send_message(self, message: Any) -> None:
        action, body = self.wire([message.action.value, message.body])
        action = MessageAction(action)
        self.messages.append((action, body))
        if action == MessageAction.INVOKE_METHOD:
            name, args = body["name"], body.get("args")
            self.invocations.append((name, args))
            handler = self.method_handlers.get(name, lambda _args: None)
            result = handler(args)
            assert self.loop is not None and self.session is not None
            self.loop.call_soon(
                self.session.handle_invoke_method_results, body["control_id"], body["call_id"], result, None
            )


class FletHarness:
    """Start an app in a fake session, query its live control tree, and send it events."""

    def __init__(
        self, method_handlers: dict[str, Callable[[Any], Any]] | None = None, width: int = 412, height: int = 860
    ) -> None:
        self.prefs: dict[str, Any] = {}
        handlers: dict[str, Callable[[Any], Any]] = {
            "set": lambda a: self.prefs.__setitem__(a["key"], a["value"]) or True,
            "get": lambda a: self.prefs.get(a["key"]),
            "contains_key": lambda a: a["key"] in self.prefs,
            "remove": lambda a: self.prefs.pop(a["key"], None) is not None,
            "get_keys": lambda a: [k for k in self.prefs if k.startswith(a["key_prefix"])],
            "clear": lambda a: self.prefs.clear() or True,
            "get_connectivity": lambda a: ["wifi"],
            "push_route": self._push_route,
        }
        handlers.update(method_handlers or {})
        self.conn = FakeClientConnection(handlers)
        self.conn.page_url = "http://127.0.0.1:8550"  # page.query() needs it
        self.width, self.height = width, height

    def _push_route(self, args: dict[str, Any]) -> None:
        # What the client does: change its URL, then report route_change back to Python.
        route = args["route"]

        async def client_side() -> None:
            self.session.apply_page_patch({"route": route})
            await self.session.dispatch_event(self.page._i, "route_change", {"route": route})

        assert self.conn.loop is not None
        self.conn.loop.call_soon(lambda: asyncio.ensure_future(client_side()))

    async def start(self, main: Callable[[ft.Page], Any], route: str = "/") -> FletHarness:
        self.conn.loop = asyncio.get_running_loop()
        self.session = Session(self.conn)
        self.conn.session = self.session
        self.page = self.session.page
        _context_page.set(self.page)
        # the properties a real client reports when it registers
        self.session.apply_page_patch(
            {"route": route, "width": self.width, "height": self.height, "web": True, "platform": "linux"}
        )
        self.conn.wire(self.session.get_page_patch())  # mount + snapshot, as a real registration does
        result = main(self.page)
        if asyncio.iscoroutine(result):
            await result
        await self.session.after_event(self.page)
        await self.settle()
        return self

    async def settle(self, rounds: int = 8) -> None:
        """Let scheduled updates, effects and fake client round trips run."""
        for _ in range(rounds):
            await asyncio.sleep(0.01)

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = DEFAULT_TIMEOUT_S) -> None:
        """Settle until ``predicate()`` holds (debounced handlers finish after a delay, a sync cycle after its
        requests). The timeout is generous on purpose: it costs time only when the test fails anyway."""
        await eventually(predicate, timeout, interval=0.02)
        await self.settle()

    # ---- queries ----------------------------------------------------------------------------------
    def walk(self, root: Any = None) -> Iterator[BaseControl]:
        """Depth-first walk over the live control tree, through components' rendered bodies."""
        seen: set[int] = set()
        stack: list[Any] = [root or self.page]
        while stack:
            node = stack.pop()
            if node is None or id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, list | tuple):
                stack.extend(reversed(node))
            elif isinstance(node, Component):
                stack.append(node._b)
            elif isinstance(node, BaseControl):
                yield node
                for f in dataclasses.fields(node):
                    if f.name.startswith("_") and f.name not in ("_overlay", "_dialogs"):
                        continue
                    try:
                        value = getattr(node, f.name)
                    except Exception:
                        continue
                    if isinstance(value, BaseControl | list | tuple):
                        stack.append(value)

    def find(self, cls: type | None = None, root: Any = None, **props: Any) -> list[Any]:
        found = []
        for control in self.walk(root):
            if cls is not None and not isinstance(control, cls):
                continue
            if all(getattr(control, k, None) == v for k, v in props.items()):
                found.append(control)
        return found

    def texts(self, root: Any = None) -> list[str]:
        """Every visible string: Text values and their spans, and string labels of buttons and chips."""
        out: list[str] = []
        for control in self.walk(root):
            if isinstance(control, ft.Text):
                if control.value:
                    out.append(str(control.value))
                out.extend(span.text for span in control.spans or [] if getattr(span, "text", None))
            for attr in ("content", "label", "text", "tooltip"):
                value = getattr(control, attr, None) if not isinstance(control, ft.Text) else None
                if isinstance(value, str) and value:
                    out.append(value)
        return out

    def text_blob(self) -> str:
        return "\n".join(self.texts())

    def by_data(self, data: Any, cls: type | None = None) -> Any:
        """The one control whose ``data`` is ``data`` (the app tags tappable things with stable ids)."""
        matches = [c for c in self.find(cls) if getattr(c, "data", None) == data]
        if len(matches) != 1:
            raise AssertionError(f"expected one control with data={data!r}, found {len(matches)}")
        return matches[0]

    # ---- actions ----------------------------------------------------------------------------------
    async def fire(self, control: BaseControl, event: str = "click", data: Any = None) -> None:
        await self.session.dispatch_event(control._i, event, data)
        await self.settle()

    async def type_into(self, field: BaseControl, text: str) -> None:
        self.session.apply_patch(field._i, {"value": text})  # what the client does first
        await self.fire(field, "change", text)

    async def select(self, control: BaseControl, index: int) -> None:
        """Pick a NavigationBar/NavigationRail destination as a tap would."""
        self.session.apply_patch(control._i, {"selected_index": index})
        await self.fire(control, "change", str(index))

    async def resize(self, width: int, height: int) -> None:
        self.session.apply_page_patch({"width": width, "height": height})
        await self.fire(self.page, "resize", {"width": width, "height": height})

    async def go(self, route: str) -> None:
        self._push_route({"route": route})
        await self.settle()
