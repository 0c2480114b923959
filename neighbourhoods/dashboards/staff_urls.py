from django.urls import path

from . import views

app_name = "dashboards_staff"

urlpatterns = [
    path("stad/", views.city, name="city"),
    path("district/<slug:slug>/", views.district, name="district"),
    path("kaart/", views.choropleth, name="map"),
    path("inwoners/", views.population_list, name="population"),
    path("<slug:slug>/", views.wijk, name="wijk"),
    path("<slug:slug>/cijfers/<str:key>/", views.items, name="items"),
    path("<slug:slug>/jaarverslag/<int:year>/", views.yearly, name="yearly"),
    path("<slug:slug>/inwoners/", views.population_edit, name="population_edit"),
]
