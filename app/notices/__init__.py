"""Notices by e-mail: reminders, leaver notices, receipt copies and the desk's digest.

No Qt here. :mod:`~app.notices.messages` words a notice from the school's
:mod:`~app.notices.templates`; :mod:`~app.notices.outbox` queues it (once: its key is
unique) in the unit of work of the event that causes it (:mod:`~app.notices.events`)
or of the daily run (:mod:`~app.notices.daily`); :mod:`~app.notices.sender` hands it
to the server through :mod:`~app.notices.mailer`.
"""
