app_name = "subsidies"

urlpatterns = []
