app_name = "budgets_staff"

urlpatterns = []
