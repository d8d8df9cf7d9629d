"""Reading authored YAML files (personas, rubrics) into validated models."""
