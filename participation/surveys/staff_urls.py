app_name = "surveys_staff"

urlpatterns = []
