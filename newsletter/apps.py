from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Newsletter"

    def ready(self) -> None:
        from anymail.signals import tracking

        from pagecache.registry import watch

        from .mail_events import record_mail_event
        from .models import NewsletterList, SignupBlock

        # The sign-up blocks inside and after every story.
        watch(SignupBlock, NewsletterList)
        tracking.connect(record_mail_event, dispatch_uid="newsletter.record_mail_event")
