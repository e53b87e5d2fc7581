from . import photo
from . import confirmation
