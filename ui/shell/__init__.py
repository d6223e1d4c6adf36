"""The shell around the pages: window sizes that fit the screen, the idle lock,
signing out and switching user, and the keyboard (page keys, the F1 sheet).

The school PC is a 1366×768 laptop with a taskbar; every window the app opens
is sized from the available area of the screen it opens on
(:mod:`ui.shell.geometry`). A person's signed-in time on a shared PC is
managed by :class:`ui.shell.session.Shell`.
"""
