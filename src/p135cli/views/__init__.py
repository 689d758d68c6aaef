"""Views of a plan: what `timeline`, `report` and `progress` show. They never change a plan.

Each view builds plain data from the model first (testable without any output), then renders
it in the chosen format. Library code: nothing here prints to the terminal or exits.
"""
