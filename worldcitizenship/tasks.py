"""Periodic work of world citizenship (Celery beat)."""

from genk.core import beat

from .follows import deliver_to_followers, send_follow_digests

__all__ = ["deliver_to_followers", "send_follow_digests"]

# Hourly; each follower gets at most one follow digest a day (send log), with the news of before today.
beat.every("worldcitizenship-follow-digests", send_follow_digests, 60 * 60)
