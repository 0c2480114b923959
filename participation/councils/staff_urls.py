app_name = "councils_staff"

urlpatterns = []
