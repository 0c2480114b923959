app_name = "initiatives_staff"

urlpatterns = []
