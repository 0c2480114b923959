app_name = "subsidies_staff"

urlpatterns = []
