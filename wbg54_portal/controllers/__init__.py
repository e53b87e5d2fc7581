from . import auth_signup
from . import portal
from . import tickets
