"""The watcher of `invoke livereload`: a save wakes the server at once and runs the tasks of the
paths it touched, each function once."""

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from filewatch import EventWatcher

SLOW_MACHINE = 120  # seconds: each wait ends as soon as its event comes


async def woken_by(watcher: EventWatcher, woken: asyncio.Event, save) -> set:
    """The paths the watcher's looks name after ``save``, once its events have settled (a
    loaded machine may deliver one save's events in several batches)."""
    woken.clear()
    save()
    await asyncio.wait_for(woken.wait(), SLOW_MACHINE)
    named = set()
    while True:
        await asyncio.sleep(0.5)
        path, delay = watcher.examine()
        if path is None:
            return named
        assert delay is None
        named.add(path)


def test_a_save_runs_the_tasks_of_the_paths_it_touched(tmp_path):
    content, settings = tmp_path / "content", tmp_path / "pelicanconf.py"
    (content / "essays").mkdir(parents=True)
    essay = content / "essays" / "a.md"
    essay.write_text("Title: A\n")
    settings.write_text("SITENAME = 'A'\n")
    runs = []

    def rebuild():
        runs.append("rebuild")

    async def session():
        watcher = EventWatcher()
        watcher.watch(str(content), rebuild)
        watcher.watch(str(tmp_path / "theme"), rebuild)  # missing: never touched
        watcher.watch(str(settings), lambda: runs.append("settings"))
        woken = asyncio.Event()
        try:
            assert watcher.start(woken.set)
            assert watcher.examine() == (None, None)

            assert await woken_by(watcher, woken, lambda: essay.write_text("Title: B\n")) \
                == {str(essay)}
            assert set(runs) == {"rebuild"}
            runs.clear()

            def beside_and_renamed():  # a file beside the settings, then an editor's save
                (tmp_path / "notes.txt").write_text("not watched")
                (tmp_path / ".pelicanconf.py.new").write_text("SITENAME = 'B'\n")
                os.replace(tmp_path / ".pelicanconf.py.new", settings)

            assert await woken_by(watcher, woken, beside_and_renamed) == {str(settings)}
            assert set(runs) == {"settings"}
        finally:
            watcher.stop.set()

    with ThreadPoolExecutor(1) as thread:  # a loop of its own: the browser tests' may run here
        thread.submit(asyncio.run, session()).result()
