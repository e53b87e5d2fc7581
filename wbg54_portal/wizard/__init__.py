from . import wbg54_registration_letter_wizard
