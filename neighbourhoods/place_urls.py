from django.urls import path

from . import place_views as views

app_name = "places"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("mijn-reservaties/", views.my_bookings, name="my_bookings"),
    path("mijn-reservaties/<int:pk>/annuleren/", views.cancel_my_booking, name="cancel_booking"),
    path("<slug:slug>/", views.place_detail, name="detail"),
    path("<slug:slug>/zalen/<int:room>/aanvragen/", views.request_booking, name="request_booking"),
]
