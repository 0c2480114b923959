app_name = "initiatives"

urlpatterns = []
