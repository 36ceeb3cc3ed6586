#!/usr/bin/python3
# A bare WebKitGTK browser for WebKitWebDriver, for the browser tests: a window holding nothing
# but the web view, so a WebDriver window size is exactly the page's viewport (MiniBrowser's
# toolbar keeps its window at least 447 px wide, too wide for the 320 px reflow check), and
# WebKit's own `default-font-size` setting, which MiniBrowser's command line cannot set.
#
# Run by WebKitWebDriver as `python3 webkit-browser.py --automation [--default-font-size=PX]`;
# it needs Debian's python3-gi, gir1.2-gtk-3.0 and gir1.2-webkit2-4.1.
import sys

import gi

gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2  # noqa: E402

# What a session's `browserName` capability must say to get this browser.
NAME = 'nhs-login-help-webkit'


def option(name):
    """The value of `--name=value` on the command line, or None."""
    prefix = f'--{name}='
    return next((arg[len(prefix):] for arg in sys.argv[1:] if arg.startswith(prefix)), None)


def settings():
    """Settings for every page: WebKit's defaults, with the person's text size if one is given."""
    result = WebKit2.Settings()
    size = option('default-font-size')
    if size is not None:
        result.set_default_font_size(int(size))
    return result


def create_web_view(_session):
    """A window for each web view the session asks for; closing the view closes its window."""
    view = WebKit2.WebView(
        is_controlled_by_automation=True,
        # Every session starts with empty storage and no cookies, as a Playwright context does.
        is_ephemeral=True,
        settings=settings(),
    )
    window = Gtk.Window()
    window.set_default_size(1280, 800)
    window.add(view)
    view.connect('close', lambda _view: window.destroy())
    window.show_all()
    return view


def automation_started(_context, session):
    info = WebKit2.ApplicationInfo()
    info.set_name(NAME)
    info.set_version(WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version())
    session.set_application_info(info)
    session.connect('create-web-view', create_web_view)


def main():
    if '--automation' not in sys.argv[1:]:
        sys.exit('webkit-browser.py: only for WebKitWebDriver (--automation)')
    Gtk.init()
    context = WebKit2.WebContext.get_default()
    context.set_automation_allowed(True)
    context.connect('automation-started', automation_started)
    Gtk.main()


main()
