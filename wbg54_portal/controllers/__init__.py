from . import auth_signup
from . import documents
from . import portal
from . import tickets
