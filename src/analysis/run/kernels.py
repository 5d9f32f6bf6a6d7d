"""One warm kernel per notebook worker: the analysis stack imported once, and the kernel
reset between notebooks to what a fresh kernel shows (namespace, history, execution count,
figures, matplotlib settings, warning filters, environment, working folder).

The functions in the first half run inside the kernel (called by `WarmKernel`); the class
runs in the worker and is driven by `execute`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from typing import Any

NOTEBOOK_TIMEOUT = 600  # seconds per cell
STARTUP_TIMEOUT = 60  # seconds for a kernel to answer
# what every notebook imports; paid once per kernel instead of once per notebook
PRELOAD = (
    "pandas",
    "matplotlib.pyplot",
    "seaborn",
    "statsmodels.api",
    "analysis.report.nbsupport",
    "analysis.report.plots",
    "analysis.report.stats",
    "analysis.report.summaries",
)


def kernel_transport(sockets: str) -> dict:
    """Local kernels talk over IPC sockets in a private folder where the OS has them.

    Over TCP, ipykernel logs "Kernel is running over TCP without encryption" on every start;
    a kernel on this machine, for this user, needs no network port. Each kernel gets its own
    socket folder, so parallel workers never share a socket. Windows keeps TCP.
    """
    if os.name == "nt":
        return {}
    from traitlets.config import Config

    ip = os.path.join(sockets, "kernel")
    return {"config": Config({"KernelManager": {"transport": "ipc", "ip": ip}})}


# -- inside the kernel ---------------------------------------------------------------------

_BASELINE: dict[str, Any] = {}


def kernel_preload(modules: tuple[str, ...] = PRELOAD) -> None:
    """Runs in the kernel once: import the stack, then remember the state to reset to."""
    import importlib
    import warnings

    import matplotlib

    for name in modules:
        importlib.import_module(name)
    _BASELINE["rc"] = dict(matplotlib.rcParams)
    _BASELINE["warnings"] = list(warnings.filters)
    _BASELINE["environ"] = dict(os.environ)


def kernel_reset() -> None:
    """Runs in the kernel after each notebook (while the worker renders it): back to the
    state of a freshly started kernel with the stack imported."""
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    from IPython import get_ipython

    get_ipython().reset(new_session=True)  # namespace, Out, history; execution count 1
    plt.close("all")
    matplotlib.rcParams.clear()
    dict.update(matplotlib.rcParams, _BASELINE["rc"])  # as read at start, not re-validated
    # resetwarnings also forgets which warnings were already shown (their registries are
    # tied to the filters' version), then the filters go back to the kernel's own list
    warnings.resetwarnings()
    warnings.filters[:] = _BASELINE["warnings"]
    os.environ.clear()
    os.environ.update(_BASELINE["environ"])


def kernel_enter(report_dir: str, cwd: str) -> None:
    """Runs in the kernel before each notebook: where its figures and tables go."""
    os.environ["ANALYSIS_REPORT_DIR"] = report_dir
    os.chdir(cwd)


# called without binding a name, so the notebook finds the namespace a fresh kernel has
_CALL = "__import__('analysis.run.kernels', fromlist=['_']).{}"


# -- in the worker -------------------------------------------------------------------------


class WarmKernel:
    """One kernel kept by a worker across notebooks, and the clients papermill opens on it."""

    def __init__(self, cwd: str) -> None:
        from jupyter_client.asynchronous import AsyncKernelClient
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        clients: list = []

        class Client(AsyncKernelClient):
            """Connected once: later notebooks skip the wait for the output channel to go
            quiet (a fifth of a second each), as its subscription is already in place."""

            ready = started = False

            def start_channels(self, *args: Any, **kw: Any) -> None:
                if not self.started:  # the heartbeat is a thread: started once
                    super().start_channels(*args, **kw)
                    self.started = True

            async def wait_for_ready(self, timeout: float | None = None) -> None:
                if not self.ready:
                    await super().wait_for_ready(timeout=timeout)
                    self.ready = True

        class Manager(AsyncKernelManager):
            def client(self, **kw: Any) -> AsyncKernelClient:
                """The same client for every notebook (papermill asks for one each time);
                nbclient tells messages apart by the request they answer."""
                if not clients:
                    self.client_factory = Client
                    clients.append(super().client(**kw))
                return clients[0]

        self.clients = clients
        self._shell: Any = None
        self._pending: str | None = None  # a reset sent and not yet answered
        self.cwd = cwd
        self.sockets = tempfile.mkdtemp(prefix="analysis-kernel-")
        self.km = Manager(kernel_name="python3", **kernel_transport(self.sockets))
        run_sync(self.km.start_kernel)(cwd=cwd)
        self.run(_CALL.format("kernel_preload()"), what="importing the analysis stack")

    def send(self, code: str) -> str:
        """Ask the kernel to execute code silently (no execution count, no history).

        Only the shell channel is used: the reply carries the status, so there is no output
        to wait for and no kernel_info round trip (each costs a fifth of a second)."""
        if self._shell is None:
            from jupyter_client.blocking import BlockingKernelClient

            kc = BlockingKernelClient()
            kc.load_connection_info(self.km.get_connection_info())
            kc.start_channels(iopub=False, stdin=False, hb=False, control=False)
            self._shell = kc
        return self._shell.execute(code, silent=True, store_history=False, allow_stdin=False)

    def wait(self, msg_id: str, what: str) -> None:
        """Wait for the reply to send(); raise if the code failed or the kernel died."""
        from queue import Empty

        deadline = time.monotonic() + STARTUP_TIMEOUT + NOTEBOOK_TIMEOUT
        while True:
            try:
                reply = self._shell.get_shell_msg(timeout=1)
            except Empty:
                from jupyter_core.utils import run_sync

                if not run_sync(self.km.is_alive)():
                    raise RuntimeError(f"kernel died {what}") from None
                if time.monotonic() > deadline:
                    raise TimeoutError(f"kernel did not answer {what}") from None
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(
                f"kernel failed {what}: {content.get('ename')}: {content.get('evalue')}"
            )

    def run(self, code: str, what: str) -> None:
        self.wait(self.send(code), what)

    def reset_begin(self) -> None:
        """Start resetting the kernel; the worker goes on (rendering) meanwhile."""
        self._pending = self.send(_CALL.format("kernel_reset()"))

    def enter(self, report_dir: str) -> None:
        """Before a notebook: the reset finished (or is done now), then its output folder."""
        if self._pending is None:
            self.reset_begin()
        pending, self._pending = self._pending, None
        self.wait(pending, what="resetting between notebooks")
        self.run(
            _CALL.format(f"kernel_enter({report_dir!r}, {self.cwd!r})"),
            what="entering the notebook's folder",
        )

    def close_clients(self) -> None:
        for kc in self.clients:
            kc.stop_channels()
        self.clients.clear()

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        self.close_clients()
        if self._shell is not None:
            self._shell.stop_channels()
            self._shell = None
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # already dead: the process is gone either way
            pass
        shutil.rmtree(self.sockets, ignore_errors=True)
