from django.urls import include, path

from genk.urls import handler403, handler404, handler500

from . import views

urlpatterns = [
    path("bench/floor/", views.floor, name="bench_floor"),
    path("bench/floor/write/", views.write_floor, name="bench_write_floor"),
    path("", include("genk.urls")),
]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
