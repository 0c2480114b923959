app_name = "volunteers_staff"

urlpatterns = []
