"""The public subsidy register and its open data. Included by `urls.py` (app_name "subsidies")
with `path("", include(register_urls))`, so the names are `subsidies:register`,
`subsidies:register_csv` and `subsidies:register_360giving`."""

from django.urls import path

from . import register

urlpatterns = [
    path("register/", register.register, name="register"),
    path("register.csv", register.register_csv, name="register_csv"),
    path("register/360giving.json", register.register_360giving, name="register_360giving"),
]
